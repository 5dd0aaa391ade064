//! Typed views and builders over the tree, for every component and
//! property of RFC 5545 and of the extensions RFC 7986, RFC 7953, RFC 9073
//! and RFC 9253.
//!
//! A view borrows a [`Component`] and reads its properties as typed values
//! with their parameters ([`Text`], [`When`], [`Attendee`], …); a `…Mut`
//! view changes them; a builder makes a new component. The tree stays the
//! source of truth: a view copies nothing and a getter never changes the
//! tree, so nothing is lost, and properties or parameters the views do not
//! know are still there (read them with [`Component::property`]).
//! Getters return `Ok(None)` for an absent property and a typed
//! [`Error`] for a value that does not match its type.
//!
//! Making a valid event and calendar in a few lines:
//!
//! ```
//! use kalends_ical_core::views::{Attendee, Calendar, Event, PartStat, When};
//! use kalends_ical_core::value::{DateTime, Duration};
//!
//! let event = Event::builder("42@example.com", "20240101T120000Z".parse()?)
//!     .summary("Standup, daily")
//!     .dtstart(When::zoned("20240105T090000".parse::<DateTime>()?, "Europe/Berlin"))
//!     .duration(Duration::parse("PT15M")?)
//!     .attendee(Attendee::new("mailto:jo@example.com")?.with_cn("Jo"))
//!     .build();
//! let calendar = Calendar::builder("-//Example//EN").component(event).build();
//!
//! assert_eq!(
//!     calendar.to_string(),
//!     "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\n\
//!      BEGIN:VEVENT\r\nUID:42@example.com\r\nDTSTAMP:20240101T120000Z\r\n\
//!      SUMMARY:Standup\\, daily\r\nDTSTART;TZID=Europe/Berlin:20240105T090000\r\n\
//!      DURATION:PT15M\r\nATTENDEE;CN=Jo:mailto:jo@example.com\r\n\
//!      END:VEVENT\r\nEND:VCALENDAR\r\n"
//! );
//!
//! // Reading it back through the views.
//! let cal = Calendar::new(calendar.calendar().ok_or("no VCALENDAR")?).ok_or("not a VCALENDAR")?;
//! let event = cal.events().next().ok_or("no event")?;
//! assert_eq!(event.summary()?.as_deref(), Some("Standup, daily"));
//! let start = event.dtstart()?.ok_or("no DTSTART")?;
//! assert_eq!(start.tzid.as_deref(), Some("Europe/Berlin"));
//! for attendee in event.attendees()? {
//!     assert_eq!(attendee.cn.as_deref(), Some("Jo"));
//!     assert_eq!(attendee.partstat(), PartStat::NeedsAction);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Changing a component in place:
//!
//! ```
//! use kalends_ical_core::{parse, views::{EventMut, Status}};
//! let text = "BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20240101T000000Z\r\nSUMMARY:Old\r\nEND:VEVENT\r\n";
//! let mut doc = parse(text)?;
//! let mut event = EventMut::new(&mut doc.components[0]).ok_or("not a VEVENT")?;
//! event.set_summary("New").set_status(Status::Cancelled);
//! assert_eq!(event.view().status()?, Some(Status::Cancelled));
//! assert_eq!(
//!     doc.to_string(),
//!     "BEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20240101T000000Z\r\nSUMMARY:New\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Which type each property has:
//!
//! | value | properties |
//! | --- | --- |
//! | [`Text`] (with LANGUAGE, ALTREP) | SUMMARY, DESCRIPTION, LOCATION, COMMENT, CONTACT, TZNAME, NAME |
//! | `Cow<str>` (TEXT, unescaped) | UID, PRODID, VERSION, CALSCALE, TZID, TZID-ALIAS-OF, COLOR, REFID |
//! | [`TextList`] | CATEGORIES, RESOURCES, LOCATION-TYPE |
//! | [`When`] (with TZID) | DTSTART, DTEND, DUE |
//! | [`RecurrenceId`] | RECURRENCE-ID |
//! | [`DateTime`] | DTSTAMP, CREATED, LAST-MODIFIED, COMPLETED, TZUNTIL |
//! | [`Dates`] | RDATE, EXDATE |
//! | [`Duration`] | DURATION, REFRESH-INTERVAL |
//! | `i32` | SEQUENCE, PRIORITY, PERCENT-COMPLETE, REPEAT |
//! | [`Geo`], [`Recur`], [`UtcOffset`] | GEO; RRULE; TZOFFSETFROM, TZOFFSETTO |
//! | [`Uri`], [`CalAddress`] | URL, TZURL, SOURCE, CONCEPT; CALENDAR-ADDRESS |
//! | [`Attendee`], [`Organizer`] | ATTENDEE, ORGANIZER |
//! | [`Attach`], [`Image`], [`Conference`] | ATTACH; IMAGE; CONFERENCE |
//! | [`Trigger`], [`RequestStatus`], [`RelatedTo`], [`Link`] | TRIGGER; REQUEST-STATUS; RELATED-TO; LINK |
//! | [`StyledDescription`], [`StructuredData`], [`FreeBusy`] | STYLED-DESCRIPTION; STRUCTURED-DATA; FREEBUSY |
//! | enums keeping unknown values | STATUS, CLASS, TRANSP, ACTION, METHOD, BUSYTYPE, PARTICIPANT-TYPE, RESOURCE-TYPE |

mod enums;
mod values;

use std::borrow::Cow;

use crate::error::Error;
use crate::tree::{Component, Document, Property};
use crate::value::{CalAddress, DateTime, Duration, Geo, Recur, Uri, UtcOffset};

pub use enums::{
    Action, Class, CuType, Display, FbType, Feature, Method, PartStat, ParticipantType, RelType,
    Related, ResourceType, Role, ScheduleAgent, Status, Transparency,
};
pub use values::{
    Attach, Attendee, Conference, Content, Dates, FreeBusy, Image, Link, Organizer, PropertyValue,
    RecurrenceId, RelatedTo, RequestStatus, StructuredData, StyledDescription, Text, TextList,
    Trigger, When, derived, order,
};

/// The first property `name` of `component`, decoded as `T`; `Ok(None)`
/// when there is none. A decoding error names the property.
///
/// ```
/// use kalends_ical_core::{Component, Property, views::get};
/// let mut c = Component::new("VEVENT");
/// c.push(Property::new("X-COUNT", "12"));
/// assert_eq!(get::<i32>(&c, "X-COUNT")?, Some(12));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn get<'t, T: PropertyValue<'t>>(
    component: &'t Component<'_>,
    name: &str,
) -> Result<Option<T>, Error> {
    component.property(name).map(|p| decode(p)).transpose()
}

/// Every property `name` of `component`, decoded as `T`.
pub fn get_all<'t, T: PropertyValue<'t>>(
    component: &'t Component<'_>,
    name: &str,
) -> Result<Vec<T>, Error> {
    component
        .properties()
        .iter()
        .filter(|p| p.is(name))
        .map(decode)
        .collect()
}

fn decode<'t, T: PropertyValue<'t>>(p: &'t Property<'_>) -> Result<T, Error> {
    T::decode(p).map_err(|e| {
        Error::new(
            e.kind(),
            format!(
                "the {} property `{}` is not valid: {}",
                p.name(),
                p.value(),
                e.message()
            ),
        )
    })
}

macro_rules! view {
    (
        $(#[$meta:meta])*
        $view:ident, $mutv:ident, $builder:ident, $cname:literal, $spec:literal;
        one { $( $get:ident, $set:ident, $with:ident, $pname:literal, $pspec:literal: $gty:ty, $sty:ty; )* }
        many { $( $mget:ident, $add:ident, $mwith:ident, $mname:literal, $mspec:literal: $mgty:ty, $msty:ty; )* }
        subs { $( $sub:ident, $subname:literal: $subview:ident; )* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy)]
        pub struct $view<'t, 'a>(&'t Component<'a>);

        impl<'t, 'a> $view<'t, 'a> {
            #[doc = concat!("Views `component`, or `None` when it is not a ", $cname, ".")]
            pub fn new(component: &'t Component<'a>) -> Option<Self> {
                component.is($cname).then_some($view(component))
            }

            /// The component viewed.
            pub fn component(&self) -> &'t Component<'a> {
                self.0
            }

            $(
                #[doc = concat!("The ", $pname, " property (", $pspec, "), `Ok(None)` when absent.")]
                pub fn $get(&self) -> Result<Option<$gty>, Error> {
                    get(self.0, $pname)
                }
            )*
            $(
                #[doc = concat!("Every ", $mname, " property (", $mspec, "), in order.")]
                pub fn $mget(&self) -> Result<Vec<$mgty>, Error> {
                    get_all(self.0, $mname)
                }
            )*
            $(
                #[doc = concat!("The ", $subname, " sub-components, in order.")]
                pub fn $sub(&self) -> impl Iterator<Item = $subview<'t, 'a>> + use<'t, 'a> {
                    self.0.components().iter().filter(|c| c.is($subname)).map($subview)
                }
            )*
        }

        #[doc = concat!("A ", $cname, " to change in place; see [`", stringify!($view), "`] to read it (", $spec, ").")]
        #[derive(Debug)]
        pub struct $mutv<'t, 'a>(&'t mut Component<'a>);

        impl<'t, 'a> $mutv<'t, 'a> {
            #[doc = concat!("Views `component` to change it, or `None` when it is not a ", $cname, ".")]
            pub fn new(component: &'t mut Component<'a>) -> Option<Self> {
                if component.is($cname) { Some($mutv(component)) } else { None }
            }

            /// A read view of the same component.
            pub fn view(&self) -> $view<'_, 'a> {
                $view(self.0)
            }

            /// The component, for changes the typed setters do not cover.
            pub fn component_mut(&mut self) -> &mut Component<'a> {
                self.0
            }

            /// Removes every property `name`; returns how many there were.
            pub fn remove(&mut self, name: &str) -> usize {
                self.0.remove(name)
            }

            $(
                #[doc = concat!("Sets the ", $pname, " property (", $pspec, "), replacing any there was.")]
                #[allow(clippy::extra_unused_lifetimes)]
                pub fn $set<'v>(&mut self, value: impl Into<$sty>) -> &mut Self {
                    let value: $sty = value.into();
                    self.0.set(value.encode($pname));
                    self
                }
            )*
            $(
                #[doc = concat!("Adds a ", $mname, " property (", $mspec, ").")]
                #[allow(clippy::extra_unused_lifetimes)]
                pub fn $add<'v>(&mut self, value: impl Into<$msty>) -> &mut Self {
                    let value: $msty = value.into();
                    self.0.push(value.encode($mname));
                    self
                }
            )*
        }

        #[doc = concat!("Builds a new ", $cname, " (", $spec, "). Each method sets or adds one property.")]
        #[derive(Debug, Clone)]
        #[must_use]
        pub struct $builder(Component<'static>);

        impl $builder {
            #[doc = concat!("An empty ", $cname, ".")]
            pub fn empty() -> Self {
                $builder(Component::new($cname))
            }

            /// Adds any property (one the typed methods do not cover, an `X-` property …).
            pub fn property(mut self, property: Property<'static>) -> Self {
                self.0.push(property);
                self
            }

            /// Adds a sub-component.
            pub fn component(mut self, component: Component<'static>) -> Self {
                self.0.push_component(component);
                self
            }

            /// The component built.
            pub fn build(self) -> Component<'static> {
                self.0
            }

            $(
                #[doc = concat!("Sets the ", $pname, " property (", $pspec, ").")]
                #[allow(clippy::extra_unused_lifetimes)]
                pub fn $with<'v>(mut self, value: impl Into<$sty>) -> Self {
                    let value: $sty = value.into();
                    self.0.set(value.encode($pname));
                    self
                }
            )*
            $(
                #[doc = concat!("Adds a ", $mname, " property (", $mspec, ").")]
                #[allow(clippy::extra_unused_lifetimes)]
                pub fn $mwith<'v>(mut self, value: impl Into<$msty>) -> Self {
                    let value: $msty = value.into();
                    self.0.push(value.encode($mname));
                    self
                }
            )*
        }
    };
}

view! {
    /// A VCALENDAR (RFC 5545 §3.4, §3.7; RFC 7986 §4).
    Calendar, CalendarMut, CalendarBuilder, "VCALENDAR", "RFC 5545 §3.4";
    one {
        prodid, set_prodid, prodid, "PRODID", "RFC 5545 §3.7.3": Cow<'t, str>, Cow<'v, str>;
        version, set_version, version, "VERSION", "RFC 5545 §3.7.4": Cow<'t, str>, Cow<'v, str>;
        calscale, set_calscale, calscale, "CALSCALE", "RFC 5545 §3.7.1": Cow<'t, str>, Cow<'v, str>;
        method, set_method, method, "METHOD", "RFC 5545 §3.7.2": Method, Method;
        uid, set_uid, uid, "UID", "RFC 7986 §5.3": Cow<'t, str>, Cow<'v, str>;
        last_modified, set_last_modified, last_modified, "LAST-MODIFIED", "RFC 7986 §5.4": DateTime, DateTime;
        url, set_url, url, "URL", "RFC 7986 §5.5": Uri, Uri;
        refresh_interval, set_refresh_interval, refresh_interval, "REFRESH-INTERVAL", "RFC 7986 §5.7": Duration, Duration;
        source, set_source, source, "SOURCE", "RFC 7986 §5.8": Uri, Uri;
        color, set_color, color, "COLOR", "RFC 7986 §5.9": Cow<'t, str>, Cow<'v, str>;
    }
    many {
        names, add_name, name, "NAME", "RFC 7986 §5.1": Text<'t>, Text<'v>;
        descriptions, add_description, description, "DESCRIPTION", "RFC 7986 §5.2": Text<'t>, Text<'v>;
        categories, add_categories, categories, "CATEGORIES", "RFC 7986 §5.6": TextList<'t>, TextList<'v>;
        images, add_image, image, "IMAGE", "RFC 7986 §5.10": Image<'t>, Image<'v>;
    }
    subs {
        events, "VEVENT": Event;
        todos, "VTODO": Todo;
        journals, "VJOURNAL": Journal;
        freebusys, "VFREEBUSY": FreeBusyComponent;
        timezones, "VTIMEZONE": TimeZone;
        availabilities, "VAVAILABILITY": Availability;
    }
}

view! {
    /// A VEVENT (RFC 5545 §3.6.1; RFC 7986 §4; RFC 9073 §4; RFC 9253).
    Event, EventMut, EventBuilder, "VEVENT", "RFC 5545 §3.6.1";
    one {
        dtstamp, set_dtstamp, dtstamp, "DTSTAMP", "RFC 5545 §3.8.7.2": DateTime, DateTime;
        uid, set_uid, uid, "UID", "RFC 5545 §3.8.4.7": Cow<'t, str>, Cow<'v, str>;
        dtstart, set_dtstart, dtstart, "DTSTART", "RFC 5545 §3.8.2.4": When<'t>, When<'v>;
        class, set_class, class, "CLASS", "RFC 5545 §3.8.1.3": Class, Class;
        created, set_created, created, "CREATED", "RFC 5545 §3.8.7.1": DateTime, DateTime;
        description, set_description, description, "DESCRIPTION", "RFC 5545 §3.8.1.5": Text<'t>, Text<'v>;
        geo, set_geo, geo, "GEO", "RFC 5545 §3.8.1.6": Geo, Geo;
        last_modified, set_last_modified, last_modified, "LAST-MODIFIED", "RFC 5545 §3.8.7.3": DateTime, DateTime;
        location, set_location, location, "LOCATION", "RFC 5545 §3.8.1.7": Text<'t>, Text<'v>;
        organizer, set_organizer, organizer, "ORGANIZER", "RFC 5545 §3.8.4.3": Organizer<'t>, Organizer<'v>;
        priority, set_priority, priority, "PRIORITY", "RFC 5545 §3.8.1.9": i32, i32;
        sequence, set_sequence, sequence, "SEQUENCE", "RFC 5545 §3.8.7.4": i32, i32;
        status, set_status, status, "STATUS", "RFC 5545 §3.8.1.11": Status, Status;
        summary, set_summary, summary, "SUMMARY", "RFC 5545 §3.8.1.12": Text<'t>, Text<'v>;
        transp, set_transp, transp, "TRANSP", "RFC 5545 §3.8.2.7": Transparency, Transparency;
        url, set_url, url, "URL", "RFC 5545 §3.8.4.6": Uri, Uri;
        recurrence_id, set_recurrence_id, recurrence_id, "RECURRENCE-ID", "RFC 5545 §3.8.4.4": RecurrenceId<'t>, RecurrenceId<'v>;
        rrule, set_rrule, rrule, "RRULE", "RFC 5545 §3.8.5.3": Recur, Recur;
        dtend, set_dtend, dtend, "DTEND", "RFC 5545 §3.8.2.2": When<'t>, When<'v>;
        duration, set_duration, duration, "DURATION", "RFC 5545 §3.8.2.5": Duration, Duration;
        color, set_color, color, "COLOR", "RFC 7986 §5.9": Cow<'t, str>, Cow<'v, str>;
    }
    many {
        attachments, add_attach, attach, "ATTACH", "RFC 5545 §3.8.1.1": Attach<'t>, Attach<'v>;
        attendees, add_attendee, attendee, "ATTENDEE", "RFC 5545 §3.8.4.1": Attendee<'t>, Attendee<'v>;
        categories, add_categories, categories, "CATEGORIES", "RFC 5545 §3.8.1.2": TextList<'t>, TextList<'v>;
        comments, add_comment, comment, "COMMENT", "RFC 5545 §3.8.1.4": Text<'t>, Text<'v>;
        contacts, add_contact, contact, "CONTACT", "RFC 5545 §3.8.4.2": Text<'t>, Text<'v>;
        exdates, add_exdate, exdate, "EXDATE", "RFC 5545 §3.8.5.1": Dates<'t>, Dates<'v>;
        request_statuses, add_request_status, request_status, "REQUEST-STATUS", "RFC 5545 §3.8.8.3": RequestStatus<'t>, RequestStatus<'v>;
        related_to, add_related_to, related_to, "RELATED-TO", "RFC 5545 §3.8.4.5, RFC 9253 §9.1": RelatedTo<'t>, RelatedTo<'v>;
        resources, add_resources, resources, "RESOURCES", "RFC 5545 §3.8.1.10": TextList<'t>, TextList<'v>;
        rdates, add_rdate, rdate, "RDATE", "RFC 5545 §3.8.5.2": Dates<'t>, Dates<'v>;
        conferences, add_conference, conference, "CONFERENCE", "RFC 7986 §5.11": Conference<'t>, Conference<'v>;
        images, add_image, image, "IMAGE", "RFC 7986 §5.10": Image<'t>, Image<'v>;
        styled_descriptions, add_styled_description, styled_description, "STYLED-DESCRIPTION", "RFC 9073 §6.5": StyledDescription<'t>, StyledDescription<'v>;
        structured_data, add_structured_data, structured_data, "STRUCTURED-DATA", "RFC 9073 §6.6": StructuredData<'t>, StructuredData<'v>;
        links, add_link, link, "LINK", "RFC 9253 §8.2": Link<'t>, Link<'v>;
        concepts, add_concept, concept, "CONCEPT", "RFC 9253 §8.1": Uri, Uri;
        refids, add_refid, refid, "REFID", "RFC 9253 §8.3": Cow<'t, str>, Cow<'v, str>;
    }
    subs {
        alarms, "VALARM": Alarm;
        participants, "PARTICIPANT": Participant;
        vlocations, "VLOCATION": VLocation;
        vresources, "VRESOURCE": VResource;
    }
}

view! {
    /// A VTODO (RFC 5545 §3.6.2; RFC 7986 §4; RFC 9073 §4; RFC 9253).
    Todo, TodoMut, TodoBuilder, "VTODO", "RFC 5545 §3.6.2";
    one {
        dtstamp, set_dtstamp, dtstamp, "DTSTAMP", "RFC 5545 §3.8.7.2": DateTime, DateTime;
        uid, set_uid, uid, "UID", "RFC 5545 §3.8.4.7": Cow<'t, str>, Cow<'v, str>;
        class, set_class, class, "CLASS", "RFC 5545 §3.8.1.3": Class, Class;
        completed, set_completed, completed, "COMPLETED", "RFC 5545 §3.8.2.1": DateTime, DateTime;
        created, set_created, created, "CREATED", "RFC 5545 §3.8.7.1": DateTime, DateTime;
        description, set_description, description, "DESCRIPTION", "RFC 5545 §3.8.1.5": Text<'t>, Text<'v>;
        dtstart, set_dtstart, dtstart, "DTSTART", "RFC 5545 §3.8.2.4": When<'t>, When<'v>;
        geo, set_geo, geo, "GEO", "RFC 5545 §3.8.1.6": Geo, Geo;
        last_modified, set_last_modified, last_modified, "LAST-MODIFIED", "RFC 5545 §3.8.7.3": DateTime, DateTime;
        location, set_location, location, "LOCATION", "RFC 5545 §3.8.1.7": Text<'t>, Text<'v>;
        organizer, set_organizer, organizer, "ORGANIZER", "RFC 5545 §3.8.4.3": Organizer<'t>, Organizer<'v>;
        percent_complete, set_percent_complete, percent_complete, "PERCENT-COMPLETE", "RFC 5545 §3.8.1.8": i32, i32;
        priority, set_priority, priority, "PRIORITY", "RFC 5545 §3.8.1.9": i32, i32;
        recurrence_id, set_recurrence_id, recurrence_id, "RECURRENCE-ID", "RFC 5545 §3.8.4.4": RecurrenceId<'t>, RecurrenceId<'v>;
        sequence, set_sequence, sequence, "SEQUENCE", "RFC 5545 §3.8.7.4": i32, i32;
        status, set_status, status, "STATUS", "RFC 5545 §3.8.1.11": Status, Status;
        summary, set_summary, summary, "SUMMARY", "RFC 5545 §3.8.1.12": Text<'t>, Text<'v>;
        url, set_url, url, "URL", "RFC 5545 §3.8.4.6": Uri, Uri;
        rrule, set_rrule, rrule, "RRULE", "RFC 5545 §3.8.5.3": Recur, Recur;
        due, set_due, due, "DUE", "RFC 5545 §3.8.2.3": When<'t>, When<'v>;
        duration, set_duration, duration, "DURATION", "RFC 5545 §3.8.2.5": Duration, Duration;
        color, set_color, color, "COLOR", "RFC 7986 §5.9": Cow<'t, str>, Cow<'v, str>;
    }
    many {
        attachments, add_attach, attach, "ATTACH", "RFC 5545 §3.8.1.1": Attach<'t>, Attach<'v>;
        attendees, add_attendee, attendee, "ATTENDEE", "RFC 5545 §3.8.4.1": Attendee<'t>, Attendee<'v>;
        categories, add_categories, categories, "CATEGORIES", "RFC 5545 §3.8.1.2": TextList<'t>, TextList<'v>;
        comments, add_comment, comment, "COMMENT", "RFC 5545 §3.8.1.4": Text<'t>, Text<'v>;
        contacts, add_contact, contact, "CONTACT", "RFC 5545 §3.8.4.2": Text<'t>, Text<'v>;
        exdates, add_exdate, exdate, "EXDATE", "RFC 5545 §3.8.5.1": Dates<'t>, Dates<'v>;
        request_statuses, add_request_status, request_status, "REQUEST-STATUS", "RFC 5545 §3.8.8.3": RequestStatus<'t>, RequestStatus<'v>;
        related_to, add_related_to, related_to, "RELATED-TO", "RFC 5545 §3.8.4.5, RFC 9253 §9.1": RelatedTo<'t>, RelatedTo<'v>;
        resources, add_resources, resources, "RESOURCES", "RFC 5545 §3.8.1.10": TextList<'t>, TextList<'v>;
        rdates, add_rdate, rdate, "RDATE", "RFC 5545 §3.8.5.2": Dates<'t>, Dates<'v>;
        conferences, add_conference, conference, "CONFERENCE", "RFC 7986 §5.11": Conference<'t>, Conference<'v>;
        images, add_image, image, "IMAGE", "RFC 7986 §5.10": Image<'t>, Image<'v>;
        styled_descriptions, add_styled_description, styled_description, "STYLED-DESCRIPTION", "RFC 9073 §6.5": StyledDescription<'t>, StyledDescription<'v>;
        structured_data, add_structured_data, structured_data, "STRUCTURED-DATA", "RFC 9073 §6.6": StructuredData<'t>, StructuredData<'v>;
        links, add_link, link, "LINK", "RFC 9253 §8.2": Link<'t>, Link<'v>;
        concepts, add_concept, concept, "CONCEPT", "RFC 9253 §8.1": Uri, Uri;
        refids, add_refid, refid, "REFID", "RFC 9253 §8.3": Cow<'t, str>, Cow<'v, str>;
    }
    subs {
        alarms, "VALARM": Alarm;
        participants, "PARTICIPANT": Participant;
        vlocations, "VLOCATION": VLocation;
        vresources, "VRESOURCE": VResource;
    }
}

view! {
    /// A VJOURNAL (RFC 5545 §3.6.3; RFC 7986 §4; RFC 9073 §4; RFC 9253).
    Journal, JournalMut, JournalBuilder, "VJOURNAL", "RFC 5545 §3.6.3";
    one {
        dtstamp, set_dtstamp, dtstamp, "DTSTAMP", "RFC 5545 §3.8.7.2": DateTime, DateTime;
        uid, set_uid, uid, "UID", "RFC 5545 §3.8.4.7": Cow<'t, str>, Cow<'v, str>;
        class, set_class, class, "CLASS", "RFC 5545 §3.8.1.3": Class, Class;
        created, set_created, created, "CREATED", "RFC 5545 §3.8.7.1": DateTime, DateTime;
        dtstart, set_dtstart, dtstart, "DTSTART", "RFC 5545 §3.8.2.4": When<'t>, When<'v>;
        last_modified, set_last_modified, last_modified, "LAST-MODIFIED", "RFC 5545 §3.8.7.3": DateTime, DateTime;
        organizer, set_organizer, organizer, "ORGANIZER", "RFC 5545 §3.8.4.3": Organizer<'t>, Organizer<'v>;
        recurrence_id, set_recurrence_id, recurrence_id, "RECURRENCE-ID", "RFC 5545 §3.8.4.4": RecurrenceId<'t>, RecurrenceId<'v>;
        sequence, set_sequence, sequence, "SEQUENCE", "RFC 5545 §3.8.7.4": i32, i32;
        status, set_status, status, "STATUS", "RFC 5545 §3.8.1.11": Status, Status;
        summary, set_summary, summary, "SUMMARY", "RFC 5545 §3.8.1.12": Text<'t>, Text<'v>;
        url, set_url, url, "URL", "RFC 5545 §3.8.4.6": Uri, Uri;
        rrule, set_rrule, rrule, "RRULE", "RFC 5545 §3.8.5.3": Recur, Recur;
        color, set_color, color, "COLOR", "RFC 7986 §5.9": Cow<'t, str>, Cow<'v, str>;
    }
    many {
        attachments, add_attach, attach, "ATTACH", "RFC 5545 §3.8.1.1": Attach<'t>, Attach<'v>;
        attendees, add_attendee, attendee, "ATTENDEE", "RFC 5545 §3.8.4.1": Attendee<'t>, Attendee<'v>;
        categories, add_categories, categories, "CATEGORIES", "RFC 5545 §3.8.1.2": TextList<'t>, TextList<'v>;
        comments, add_comment, comment, "COMMENT", "RFC 5545 §3.8.1.4": Text<'t>, Text<'v>;
        contacts, add_contact, contact, "CONTACT", "RFC 5545 §3.8.4.2": Text<'t>, Text<'v>;
        descriptions, add_description, description, "DESCRIPTION", "RFC 5545 §3.8.1.5": Text<'t>, Text<'v>;
        exdates, add_exdate, exdate, "EXDATE", "RFC 5545 §3.8.5.1": Dates<'t>, Dates<'v>;
        related_to, add_related_to, related_to, "RELATED-TO", "RFC 5545 §3.8.4.5, RFC 9253 §9.1": RelatedTo<'t>, RelatedTo<'v>;
        rdates, add_rdate, rdate, "RDATE", "RFC 5545 §3.8.5.2": Dates<'t>, Dates<'v>;
        request_statuses, add_request_status, request_status, "REQUEST-STATUS", "RFC 5545 §3.8.8.3": RequestStatus<'t>, RequestStatus<'v>;
        images, add_image, image, "IMAGE", "RFC 7986 §5.10": Image<'t>, Image<'v>;
        styled_descriptions, add_styled_description, styled_description, "STYLED-DESCRIPTION", "RFC 9073 §6.5": StyledDescription<'t>, StyledDescription<'v>;
        structured_data, add_structured_data, structured_data, "STRUCTURED-DATA", "RFC 9073 §6.6": StructuredData<'t>, StructuredData<'v>;
        links, add_link, link, "LINK", "RFC 9253 §8.2": Link<'t>, Link<'v>;
        concepts, add_concept, concept, "CONCEPT", "RFC 9253 §8.1": Uri, Uri;
        refids, add_refid, refid, "REFID", "RFC 9253 §8.3": Cow<'t, str>, Cow<'v, str>;
    }
    subs {
        participants, "PARTICIPANT": Participant;
        vlocations, "VLOCATION": VLocation;
        vresources, "VRESOURCE": VResource;
    }
}

view! {
    /// A VFREEBUSY (RFC 5545 §3.6.4; RFC 9073 §4).
    FreeBusyComponent, FreeBusyComponentMut, FreeBusyBuilder, "VFREEBUSY", "RFC 5545 §3.6.4";
    one {
        dtstamp, set_dtstamp, dtstamp, "DTSTAMP", "RFC 5545 §3.8.7.2": DateTime, DateTime;
        uid, set_uid, uid, "UID", "RFC 5545 §3.8.4.7": Cow<'t, str>, Cow<'v, str>;
        contact, set_contact, contact, "CONTACT", "RFC 5545 §3.8.4.2": Text<'t>, Text<'v>;
        dtstart, set_dtstart, dtstart, "DTSTART", "RFC 5545 §3.8.2.4": When<'t>, When<'v>;
        dtend, set_dtend, dtend, "DTEND", "RFC 5545 §3.8.2.2": When<'t>, When<'v>;
        organizer, set_organizer, organizer, "ORGANIZER", "RFC 5545 §3.8.4.3": Organizer<'t>, Organizer<'v>;
        url, set_url, url, "URL", "RFC 5545 §3.8.4.6": Uri, Uri;
    }
    many {
        attendees, add_attendee, attendee, "ATTENDEE", "RFC 5545 §3.8.4.1": Attendee<'t>, Attendee<'v>;
        comments, add_comment, comment, "COMMENT", "RFC 5545 §3.8.1.4": Text<'t>, Text<'v>;
        freebusy, add_freebusy, freebusy, "FREEBUSY", "RFC 5545 §3.8.2.6": FreeBusy, FreeBusy;
        request_statuses, add_request_status, request_status, "REQUEST-STATUS", "RFC 5545 §3.8.8.3": RequestStatus<'t>, RequestStatus<'v>;
        styled_descriptions, add_styled_description, styled_description, "STYLED-DESCRIPTION", "RFC 9073 §6.5": StyledDescription<'t>, StyledDescription<'v>;
    }
    subs {
        participants, "PARTICIPANT": Participant;
        vlocations, "VLOCATION": VLocation;
        vresources, "VRESOURCE": VResource;
    }
}

view! {
    /// A VTIMEZONE (RFC 5545 §3.6.5; TZUNTIL and TZID-ALIAS-OF from RFC 7808 §7).
    TimeZone, TimeZoneMut, TimeZoneBuilder, "VTIMEZONE", "RFC 5545 §3.6.5";
    one {
        tzid, set_tzid, tzid, "TZID", "RFC 5545 §3.8.3.1": Cow<'t, str>, Cow<'v, str>;
        last_modified, set_last_modified, last_modified, "LAST-MODIFIED", "RFC 5545 §3.8.7.3": DateTime, DateTime;
        tzurl, set_tzurl, tzurl, "TZURL", "RFC 5545 §3.8.3.5": Uri, Uri;
        tzuntil, set_tzuntil, tzuntil, "TZUNTIL", "RFC 7808 §7.2": DateTime, DateTime;
    }
    many {
        tzid_aliases, add_tzid_alias_of, tzid_alias_of, "TZID-ALIAS-OF", "RFC 7808 §7.3": Cow<'t, str>, Cow<'v, str>;
    }
    subs {
        standard, "STANDARD": Observance;
        daylight, "DAYLIGHT": Observance;
    }
}

impl<'t, 'a> TimeZone<'t, 'a> {
    /// Every STANDARD and DAYLIGHT sub-component, in order.
    pub fn observances(&self) -> impl Iterator<Item = Observance<'t, 'a>> + use<'t, 'a> {
        self.0.components().iter().filter_map(Observance::new)
    }
}

/// A STANDARD or DAYLIGHT sub-component of a VTIMEZONE (RFC 5545 §3.6.5).
#[derive(Debug, Clone, Copy)]
pub struct Observance<'t, 'a>(&'t Component<'a>);

impl<'t, 'a> Observance<'t, 'a> {
    /// Views `component`, or `None` when it is neither STANDARD nor DAYLIGHT.
    pub fn new(component: &'t Component<'a>) -> Option<Self> {
        (component.is("STANDARD") || component.is("DAYLIGHT")).then_some(Observance(component))
    }

    /// The component viewed.
    pub fn component(&self) -> &'t Component<'a> {
        self.0
    }

    /// True for DAYLIGHT, false for STANDARD.
    pub fn is_daylight(&self) -> bool {
        self.0.is("DAYLIGHT")
    }

    /// DTSTART, the first onset, local time (RFC 5545 §3.8.2.4).
    pub fn dtstart(&self) -> Result<Option<When<'t>>, Error> {
        get(self.0, "DTSTART")
    }

    /// TZOFFSETFROM (RFC 5545 §3.8.3.3).
    pub fn tzoffsetfrom(&self) -> Result<Option<UtcOffset>, Error> {
        get(self.0, "TZOFFSETFROM")
    }

    /// TZOFFSETTO (RFC 5545 §3.8.3.4).
    pub fn tzoffsetto(&self) -> Result<Option<UtcOffset>, Error> {
        get(self.0, "TZOFFSETTO")
    }

    /// RRULE (RFC 5545 §3.8.5.3).
    pub fn rrule(&self) -> Result<Option<Recur>, Error> {
        get(self.0, "RRULE")
    }

    /// Every RDATE (RFC 5545 §3.8.5.2).
    pub fn rdates(&self) -> Result<Vec<Dates<'t>>, Error> {
        get_all(self.0, "RDATE")
    }

    /// Every TZNAME (RFC 5545 §3.8.3.2).
    pub fn tznames(&self) -> Result<Vec<Text<'t>>, Error> {
        get_all(self.0, "TZNAME")
    }

    /// Every COMMENT (RFC 5545 §3.8.1.4).
    pub fn comments(&self) -> Result<Vec<Text<'t>>, Error> {
        get_all(self.0, "COMMENT")
    }
}

view! {
    /// A STANDARD sub-component of a VTIMEZONE, to build (RFC 5545 §3.6.5);
    /// read it with [`Observance`].
    Standard, StandardMut, StandardBuilder, "STANDARD", "RFC 5545 §3.6.5";
    one {
        dtstart, set_dtstart, dtstart, "DTSTART", "RFC 5545 §3.8.2.4": When<'t>, When<'v>;
        tzoffsetfrom, set_tzoffsetfrom, tzoffsetfrom, "TZOFFSETFROM", "RFC 5545 §3.8.3.3": UtcOffset, UtcOffset;
        tzoffsetto, set_tzoffsetto, tzoffsetto, "TZOFFSETTO", "RFC 5545 §3.8.3.4": UtcOffset, UtcOffset;
        rrule, set_rrule, rrule, "RRULE", "RFC 5545 §3.8.5.3": Recur, Recur;
    }
    many {
        comments, add_comment, comment, "COMMENT", "RFC 5545 §3.8.1.4": Text<'t>, Text<'v>;
        rdates, add_rdate, rdate, "RDATE", "RFC 5545 §3.8.5.2": Dates<'t>, Dates<'v>;
        tznames, add_tzname, tzname, "TZNAME", "RFC 5545 §3.8.3.2": Text<'t>, Text<'v>;
    }
    subs {}
}

view! {
    /// A DAYLIGHT sub-component of a VTIMEZONE, to build (RFC 5545 §3.6.5);
    /// read it with [`Observance`].
    Daylight, DaylightMut, DaylightBuilder, "DAYLIGHT", "RFC 5545 §3.6.5";
    one {
        dtstart, set_dtstart, dtstart, "DTSTART", "RFC 5545 §3.8.2.4": When<'t>, When<'v>;
        tzoffsetfrom, set_tzoffsetfrom, tzoffsetfrom, "TZOFFSETFROM", "RFC 5545 §3.8.3.3": UtcOffset, UtcOffset;
        tzoffsetto, set_tzoffsetto, tzoffsetto, "TZOFFSETTO", "RFC 5545 §3.8.3.4": UtcOffset, UtcOffset;
        rrule, set_rrule, rrule, "RRULE", "RFC 5545 §3.8.5.3": Recur, Recur;
    }
    many {
        comments, add_comment, comment, "COMMENT", "RFC 5545 §3.8.1.4": Text<'t>, Text<'v>;
        rdates, add_rdate, rdate, "RDATE", "RFC 5545 §3.8.5.2": Dates<'t>, Dates<'v>;
        tznames, add_tzname, tzname, "TZNAME", "RFC 5545 §3.8.3.2": Text<'t>, Text<'v>;
    }
    subs {}
}

view! {
    /// A VALARM (RFC 5545 §3.6.6; RFC 9073 §4).
    Alarm, AlarmMut, AlarmBuilder, "VALARM", "RFC 5545 §3.6.6";
    one {
        action, set_action, action, "ACTION", "RFC 5545 §3.8.6.1": Action, Action;
        trigger, set_trigger, trigger, "TRIGGER", "RFC 5545 §3.8.6.3": Trigger, Trigger;
        duration, set_duration, duration, "DURATION", "RFC 5545 §3.8.2.5": Duration, Duration;
        repeat, set_repeat, repeat, "REPEAT", "RFC 5545 §3.8.6.2": i32, i32;
        description, set_description, description, "DESCRIPTION", "RFC 5545 §3.8.1.5": Text<'t>, Text<'v>;
        summary, set_summary, summary, "SUMMARY", "RFC 5545 §3.8.1.12": Text<'t>, Text<'v>;
    }
    many {
        attachments, add_attach, attach, "ATTACH", "RFC 5545 §3.8.1.1": Attach<'t>, Attach<'v>;
        attendees, add_attendee, attendee, "ATTENDEE", "RFC 5545 §3.8.4.1": Attendee<'t>, Attendee<'v>;
        styled_descriptions, add_styled_description, styled_description, "STYLED-DESCRIPTION", "RFC 9073 §6.5": StyledDescription<'t>, StyledDescription<'v>;
    }
    subs {}
}

view! {
    /// A VAVAILABILITY (RFC 7953 §3.1).
    Availability, AvailabilityMut, AvailabilityBuilder, "VAVAILABILITY", "RFC 7953 §3.1";
    one {
        dtstamp, set_dtstamp, dtstamp, "DTSTAMP", "RFC 5545 §3.8.7.2": DateTime, DateTime;
        uid, set_uid, uid, "UID", "RFC 5545 §3.8.4.7": Cow<'t, str>, Cow<'v, str>;
        busytype, set_busytype, busytype, "BUSYTYPE", "RFC 7953 §3.2": FbType, FbType;
        class, set_class, class, "CLASS", "RFC 5545 §3.8.1.3": Class, Class;
        created, set_created, created, "CREATED", "RFC 5545 §3.8.7.1": DateTime, DateTime;
        description, set_description, description, "DESCRIPTION", "RFC 5545 §3.8.1.5": Text<'t>, Text<'v>;
        dtstart, set_dtstart, dtstart, "DTSTART", "RFC 5545 §3.8.2.4": When<'t>, When<'v>;
        last_modified, set_last_modified, last_modified, "LAST-MODIFIED", "RFC 5545 §3.8.7.3": DateTime, DateTime;
        location, set_location, location, "LOCATION", "RFC 5545 §3.8.1.7": Text<'t>, Text<'v>;
        organizer, set_organizer, organizer, "ORGANIZER", "RFC 5545 §3.8.4.3": Organizer<'t>, Organizer<'v>;
        priority, set_priority, priority, "PRIORITY", "RFC 5545 §3.8.1.9": i32, i32;
        sequence, set_sequence, sequence, "SEQUENCE", "RFC 5545 §3.8.7.4": i32, i32;
        summary, set_summary, summary, "SUMMARY", "RFC 5545 §3.8.1.12": Text<'t>, Text<'v>;
        url, set_url, url, "URL", "RFC 5545 §3.8.4.6": Uri, Uri;
        dtend, set_dtend, dtend, "DTEND", "RFC 5545 §3.8.2.2": When<'t>, When<'v>;
        duration, set_duration, duration, "DURATION", "RFC 5545 §3.8.2.5": Duration, Duration;
    }
    many {
        categories, add_categories, categories, "CATEGORIES", "RFC 5545 §3.8.1.2": TextList<'t>, TextList<'v>;
        comments, add_comment, comment, "COMMENT", "RFC 5545 §3.8.1.4": Text<'t>, Text<'v>;
        contacts, add_contact, contact, "CONTACT", "RFC 5545 §3.8.4.2": Text<'t>, Text<'v>;
    }
    subs {
        available, "AVAILABLE": Available;
    }
}

view! {
    /// An AVAILABLE sub-component of a VAVAILABILITY (RFC 7953 §3.1).
    Available, AvailableMut, AvailableBuilder, "AVAILABLE", "RFC 7953 §3.1";
    one {
        dtstamp, set_dtstamp, dtstamp, "DTSTAMP", "RFC 5545 §3.8.7.2": DateTime, DateTime;
        dtstart, set_dtstart, dtstart, "DTSTART", "RFC 5545 §3.8.2.4": When<'t>, When<'v>;
        uid, set_uid, uid, "UID", "RFC 5545 §3.8.4.7": Cow<'t, str>, Cow<'v, str>;
        dtend, set_dtend, dtend, "DTEND", "RFC 5545 §3.8.2.2": When<'t>, When<'v>;
        duration, set_duration, duration, "DURATION", "RFC 5545 §3.8.2.5": Duration, Duration;
        created, set_created, created, "CREATED", "RFC 5545 §3.8.7.1": DateTime, DateTime;
        description, set_description, description, "DESCRIPTION", "RFC 5545 §3.8.1.5": Text<'t>, Text<'v>;
        last_modified, set_last_modified, last_modified, "LAST-MODIFIED", "RFC 5545 §3.8.7.3": DateTime, DateTime;
        location, set_location, location, "LOCATION", "RFC 5545 §3.8.1.7": Text<'t>, Text<'v>;
        recurrence_id, set_recurrence_id, recurrence_id, "RECURRENCE-ID", "RFC 5545 §3.8.4.4": RecurrenceId<'t>, RecurrenceId<'v>;
        rrule, set_rrule, rrule, "RRULE", "RFC 5545 §3.8.5.3": Recur, Recur;
        summary, set_summary, summary, "SUMMARY", "RFC 5545 §3.8.1.12": Text<'t>, Text<'v>;
    }
    many {
        categories, add_categories, categories, "CATEGORIES", "RFC 5545 §3.8.1.2": TextList<'t>, TextList<'v>;
        comments, add_comment, comment, "COMMENT", "RFC 5545 §3.8.1.4": Text<'t>, Text<'v>;
        contacts, add_contact, contact, "CONTACT", "RFC 5545 §3.8.4.2": Text<'t>, Text<'v>;
        exdates, add_exdate, exdate, "EXDATE", "RFC 5545 §3.8.5.1": Dates<'t>, Dates<'v>;
        rdates, add_rdate, rdate, "RDATE", "RFC 5545 §3.8.5.2": Dates<'t>, Dates<'v>;
    }
    subs {}
}

view! {
    /// A PARTICIPANT (RFC 9073 §7.1).
    Participant, ParticipantMut, ParticipantBuilder, "PARTICIPANT", "RFC 9073 §7.1";
    one {
        participant_type, set_participant_type, participant_type, "PARTICIPANT-TYPE", "RFC 9073 §6.2": ParticipantType, ParticipantType;
        uid, set_uid, uid, "UID", "RFC 5545 §3.8.4.7": Cow<'t, str>, Cow<'v, str>;
        calendar_address, set_calendar_address, calendar_address, "CALENDAR-ADDRESS", "RFC 9073 §6.4": CalAddress, CalAddress;
        created, set_created, created, "CREATED", "RFC 5545 §3.8.7.1": DateTime, DateTime;
        description, set_description, description, "DESCRIPTION", "RFC 5545 §3.8.1.5": Text<'t>, Text<'v>;
        dtstamp, set_dtstamp, dtstamp, "DTSTAMP", "RFC 5545 §3.8.7.2": DateTime, DateTime;
        geo, set_geo, geo, "GEO", "RFC 5545 §3.8.1.6": Geo, Geo;
        last_modified, set_last_modified, last_modified, "LAST-MODIFIED", "RFC 5545 §3.8.7.3": DateTime, DateTime;
        priority, set_priority, priority, "PRIORITY", "RFC 5545 §3.8.1.9": i32, i32;
        sequence, set_sequence, sequence, "SEQUENCE", "RFC 5545 §3.8.7.4": i32, i32;
        status, set_status, status, "STATUS", "RFC 5545 §3.8.1.11": Status, Status;
        summary, set_summary, summary, "SUMMARY", "RFC 5545 §3.8.1.12": Text<'t>, Text<'v>;
        url, set_url, url, "URL", "RFC 5545 §3.8.4.6": Uri, Uri;
    }
    many {
        attachments, add_attach, attach, "ATTACH", "RFC 5545 §3.8.1.1": Attach<'t>, Attach<'v>;
        categories, add_categories, categories, "CATEGORIES", "RFC 5545 §3.8.1.2": TextList<'t>, TextList<'v>;
        comments, add_comment, comment, "COMMENT", "RFC 5545 §3.8.1.4": Text<'t>, Text<'v>;
        contacts, add_contact, contact, "CONTACT", "RFC 5545 §3.8.4.2": Text<'t>, Text<'v>;
        locations, add_location, location, "LOCATION", "RFC 5545 §3.8.1.7": Text<'t>, Text<'v>;
        request_statuses, add_request_status, request_status, "REQUEST-STATUS", "RFC 5545 §3.8.8.3": RequestStatus<'t>, RequestStatus<'v>;
        related_to, add_related_to, related_to, "RELATED-TO", "RFC 5545 §3.8.4.5, RFC 9253 §9.1": RelatedTo<'t>, RelatedTo<'v>;
        resources, add_resources, resources, "RESOURCES", "RFC 5545 §3.8.1.10": TextList<'t>, TextList<'v>;
        styled_descriptions, add_styled_description, styled_description, "STYLED-DESCRIPTION", "RFC 9073 §6.5": StyledDescription<'t>, StyledDescription<'v>;
        structured_data, add_structured_data, structured_data, "STRUCTURED-DATA", "RFC 9073 §6.6": StructuredData<'t>, StructuredData<'v>;
    }
    subs {
        vlocations, "VLOCATION": VLocation;
        vresources, "VRESOURCE": VResource;
    }
}

view! {
    /// A VLOCATION (RFC 9073 §7.2).
    VLocation, VLocationMut, VLocationBuilder, "VLOCATION", "RFC 9073 §7.2";
    one {
        uid, set_uid, uid, "UID", "RFC 5545 §3.8.4.7": Cow<'t, str>, Cow<'v, str>;
        description, set_description, description, "DESCRIPTION", "RFC 5545 §3.8.1.5": Text<'t>, Text<'v>;
        geo, set_geo, geo, "GEO", "RFC 5545 §3.8.1.6": Geo, Geo;
        location_type, set_location_type, location_type, "LOCATION-TYPE", "RFC 9073 §6.1": TextList<'t>, TextList<'v>;
        name, set_name, name, "NAME", "RFC 7986 §5.1": Text<'t>, Text<'v>;
    }
    many {
        structured_data, add_structured_data, structured_data, "STRUCTURED-DATA", "RFC 9073 §6.6": StructuredData<'t>, StructuredData<'v>;
    }
    subs {}
}

view! {
    /// A VRESOURCE (RFC 9073 §7.3).
    VResource, VResourceMut, VResourceBuilder, "VRESOURCE", "RFC 9073 §7.3";
    one {
        uid, set_uid, uid, "UID", "RFC 5545 §3.8.4.7": Cow<'t, str>, Cow<'v, str>;
        description, set_description, description, "DESCRIPTION", "RFC 5545 §3.8.1.5": Text<'t>, Text<'v>;
        geo, set_geo, geo, "GEO", "RFC 5545 §3.8.1.6": Geo, Geo;
        name, set_name, name, "NAME", "RFC 7986 §5.1": Text<'t>, Text<'v>;
        resource_type, set_resource_type, resource_type, "RESOURCE-TYPE", "RFC 9073 §6.3": ResourceType, ResourceType;
    }
    many {
        structured_data, add_structured_data, structured_data, "STRUCTURED-DATA", "RFC 9073 §6.6": StructuredData<'t>, StructuredData<'v>;
    }
    subs {}
}

impl Calendar<'_, '_> {
    /// A builder for a VCALENDAR with `VERSION:2.0` and the given PRODID,
    /// the two REQUIRED properties (RFC 5545 §3.6). Its
    /// [`CalendarDocBuilder::build`] gives a [`Document`].
    pub fn builder(prodid: &str) -> CalendarDocBuilder {
        CalendarDocBuilder(
            CalendarBuilder::empty()
                .version(Cow::Borrowed("2.0"))
                .prodid(Cow::Borrowed(prodid)),
        )
    }
}

/// Builds a [`Document`] holding one VCALENDAR; made by [`Calendar::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct CalendarDocBuilder(CalendarBuilder);

impl CalendarDocBuilder {
    /// Adds a component (a VEVENT, VTODO, VTIMEZONE …).
    pub fn component(self, component: Component<'static>) -> Self {
        CalendarDocBuilder(self.0.component(component))
    }

    /// Sets or adds calendar properties through the typed builder.
    pub fn with(self, f: impl FnOnce(CalendarBuilder) -> CalendarBuilder) -> Self {
        CalendarDocBuilder(f(self.0))
    }

    /// The document.
    pub fn build(self) -> Document<'static> {
        Document::new(vec![self.0.build()])
    }
}

impl Event<'_, '_> {
    /// A builder for a VEVENT with its two REQUIRED properties, UID and
    /// DTSTAMP (RFC 5545 §3.6.1).
    pub fn builder(uid: &str, dtstamp: DateTime) -> EventBuilder {
        EventBuilder::empty()
            .uid(Cow::Borrowed(uid))
            .dtstamp(dtstamp)
    }
}

impl Todo<'_, '_> {
    /// A builder for a VTODO with UID and DTSTAMP (RFC 5545 §3.6.2).
    pub fn builder(uid: &str, dtstamp: DateTime) -> TodoBuilder {
        TodoBuilder::empty()
            .uid(Cow::Borrowed(uid))
            .dtstamp(dtstamp)
    }
}

impl Journal<'_, '_> {
    /// A builder for a VJOURNAL with UID and DTSTAMP (RFC 5545 §3.6.3).
    pub fn builder(uid: &str, dtstamp: DateTime) -> JournalBuilder {
        JournalBuilder::empty()
            .uid(Cow::Borrowed(uid))
            .dtstamp(dtstamp)
    }
}

impl Alarm<'_, '_> {
    /// A builder for a VALARM with ACTION and TRIGGER (RFC 5545 §3.6.6).
    ///
    /// ```
    /// use kalends_ical_core::views::{Action, Alarm, Trigger};
    /// use kalends_ical_core::value::Duration;
    /// let alarm = Alarm::builder(Action::Display, Trigger::Relative { duration: Duration::parse("-PT15M")?, related_to_end: false })
    ///     .description("Standup")
    ///     .build();
    /// assert_eq!(alarm.to_string(), "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:Standup\r\nEND:VALARM\r\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(action: Action, trigger: Trigger) -> AlarmBuilder {
        AlarmBuilder::empty().action(action).trigger(trigger)
    }
}

impl TimeZone<'_, '_> {
    /// A builder for a VTIMEZONE with its TZID (RFC 5545 §3.6.5); add
    /// STANDARD and DAYLIGHT built with [`StandardBuilder`] and [`DaylightBuilder`].
    pub fn builder(tzid: &str) -> TimeZoneBuilder {
        TimeZoneBuilder::empty().tzid(Cow::Borrowed(tzid))
    }
}

impl Availability<'_, '_> {
    /// A builder for a VAVAILABILITY with UID and DTSTAMP (RFC 7953 §3.1).
    pub fn builder(uid: &str, dtstamp: DateTime) -> AvailabilityBuilder {
        AvailabilityBuilder::empty()
            .uid(Cow::Borrowed(uid))
            .dtstamp(dtstamp)
    }
}

impl Participant<'_, '_> {
    /// A builder for a PARTICIPANT with UID and PARTICIPANT-TYPE (RFC 9073 §7.1).
    pub fn builder(uid: &str, participant_type: ParticipantType) -> ParticipantBuilder {
        ParticipantBuilder::empty()
            .uid(Cow::Borrowed(uid))
            .participant_type(participant_type)
    }
}

impl VLocation<'_, '_> {
    /// A builder for a VLOCATION with its UID (RFC 9073 §7.2).
    pub fn builder(uid: &str) -> VLocationBuilder {
        VLocationBuilder::empty().uid(Cow::Borrowed(uid))
    }
}

impl VResource<'_, '_> {
    /// A builder for a VRESOURCE with its UID (RFC 9073 §7.3).
    pub fn builder(uid: &str) -> VResourceBuilder {
        VResourceBuilder::empty().uid(Cow::Borrowed(uid))
    }
}
