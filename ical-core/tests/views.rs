//! Typed views: every typed property is read from a line, written back
//! through its setter into a new component, and compared with the
//! original (round trip); the builders make valid components.

// Helpers outside `#[test]` functions may unwrap, panic and index too: a failure
// there is a failed test (clippy.toml allows it only inside `#[test]`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kalends_ical_core::value::{DateTime, Duration};
use kalends_ical_core::views::*;
use kalends_ical_core::{Component, ErrorKind, parse, validate::validate};

/// Reads `line` in a `comp` through the view's getter, writes the value
/// with the setter into an empty `comp`, and checks the property is the
/// same (names, parameters in order, value).
macro_rules! one {
    ($view:ident, $mutv:ident, $comp:literal, $get:ident, $set:ident, $line:literal) => {{
        let text = format!("BEGIN:{0}\r\n{1}\r\nEND:{0}\r\n", $comp, $line);
        let doc = parse(&text).unwrap();
        let c = &doc.components[0];
        let value = $view::new(c).unwrap().$get().unwrap().expect($line);
        let mut fresh = Component::new($comp);
        $mutv::new(&mut fresh).unwrap().$set(value.clone());
        assert_eq!(fresh.properties(), c.properties(), "{}: {}", $line, fresh);
        // Reading what was written gives the same value.
        assert_eq!(
            $view::new(&fresh).unwrap().$get().unwrap().unwrap(),
            value,
            "{}",
            $line
        );
    }};
}

macro_rules! many {
    ($view:ident, $mutv:ident, $comp:literal, $get:ident, $add:ident, $line:literal) => {{
        let text = format!("BEGIN:{0}\r\n{1}\r\n{1}\r\nEND:{0}\r\n", $comp, $line);
        let doc = parse(&text).unwrap();
        let c = &doc.components[0];
        let values = $view::new(c).unwrap().$get().unwrap();
        assert_eq!(values.len(), 2, "{}", $line);
        let mut fresh = Component::new($comp);
        for v in values.iter().cloned() {
            $mutv::new(&mut fresh).unwrap().$add(v);
        }
        assert_eq!(fresh.properties(), c.properties(), "{}: {}", $line, fresh);
        assert_eq!(
            $view::new(&fresh).unwrap().$get().unwrap(),
            values,
            "{}",
            $line
        );
    }};
}

#[test]
fn calendar_properties() {
    one!(
        Calendar,
        CalendarMut,
        "VCALENDAR",
        prodid,
        set_prodid,
        "PRODID:-//ABC Corporation//NONSGML My Product//EN"
    );
    one!(
        Calendar,
        CalendarMut,
        "VCALENDAR",
        version,
        set_version,
        "VERSION:2.0"
    );
    one!(
        Calendar,
        CalendarMut,
        "VCALENDAR",
        calscale,
        set_calscale,
        "CALSCALE:GREGORIAN"
    );
    one!(
        Calendar,
        CalendarMut,
        "VCALENDAR",
        method,
        set_method,
        "METHOD:REQUEST"
    );
    one!(
        Calendar,
        CalendarMut,
        "VCALENDAR",
        uid,
        set_uid,
        "UID:5FC53010-1267-4F8E-BC28-1D7AE55A7C99"
    );
    one!(
        Calendar,
        CalendarMut,
        "VCALENDAR",
        last_modified,
        set_last_modified,
        "LAST-MODIFIED:20160501T120000Z"
    );
    one!(
        Calendar,
        CalendarMut,
        "VCALENDAR",
        url,
        set_url,
        "URL:http://example.com/public/cal/home.ics"
    );
    one!(
        Calendar,
        CalendarMut,
        "VCALENDAR",
        refresh_interval,
        set_refresh_interval,
        "REFRESH-INTERVAL;VALUE=DURATION:P1W"
    );
    one!(
        Calendar,
        CalendarMut,
        "VCALENDAR",
        source,
        set_source,
        "SOURCE:https://example.com/holidays.ics"
    );
    one!(
        Calendar,
        CalendarMut,
        "VCALENDAR",
        color,
        set_color,
        "COLOR:turquoise"
    );
    many!(
        Calendar,
        CalendarMut,
        "VCALENDAR",
        names,
        add_name,
        "NAME;LANGUAGE=en:Company Vacation Days"
    );
    many!(
        Calendar,
        CalendarMut,
        "VCALENDAR",
        descriptions,
        add_description,
        "DESCRIPTION:The official calendar"
    );
    many!(
        Calendar,
        CalendarMut,
        "VCALENDAR",
        categories,
        add_categories,
        "CATEGORIES:HOLIDAYS,COMPANY"
    );
    many!(
        Calendar,
        CalendarMut,
        "VCALENDAR",
        images,
        add_image,
        "IMAGE;VALUE=URI;DISPLAY=BADGE;FMTTYPE=image/png:http://example.com/images/party.png"
    );
}

#[test]
fn event_properties() {
    one!(
        Event,
        EventMut,
        "VEVENT",
        dtstamp,
        set_dtstamp,
        "DTSTAMP:19970901T130000Z"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        uid,
        set_uid,
        "UID:19970901T130000Z-123401@example.com"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        dtstart,
        set_dtstart,
        "DTSTART;TZID=America/New_York:19970714T133000"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        dtstart,
        set_dtstart,
        "DTSTART;VALUE=DATE:19970714"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        class,
        set_class,
        "CLASS:CONFIDENTIAL"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        class,
        set_class,
        "CLASS:X-SECRET"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        created,
        set_created,
        "CREATED:19960329T133000Z"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        description,
        set_description,
        "DESCRIPTION;ALTREP=\"cid:part1.0001@example.org\";LANGUAGE=en:Meeting to provide technical review for \"Phoenix\"\\, design.\\nHappy Face"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        geo,
        set_geo,
        "GEO:37.386013;-122.082932"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        last_modified,
        set_last_modified,
        "LAST-MODIFIED:19960817T133000Z"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        location,
        set_location,
        "LOCATION;LANGUAGE=de:Konferenzraum\\, 2. OG"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        organizer,
        set_organizer,
        "ORGANIZER;SENT-BY=\"mailto:jane_doe@example.com\";CN=John Smith;DIR=\"ldap://example.com:6666/o=DC%20Associates\";SCHEDULE-AGENT=CLIENT:mailto:jsmith@example.com"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        priority,
        set_priority,
        "PRIORITY:1"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        sequence,
        set_sequence,
        "SEQUENCE:1234"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        status,
        set_status,
        "STATUS:TENTATIVE"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        summary,
        set_summary,
        "SUMMARY:Department Party"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        transp,
        set_transp,
        "TRANSP:TRANSPARENT"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        url,
        set_url,
        "URL:http://example.com/pub/calendars/jsmith/mytime.ics"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        recurrence_id,
        set_recurrence_id,
        "RECURRENCE-ID;TZID=America/New_York;RANGE=THISANDFUTURE:20000120T120000"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        recurrence_id,
        set_recurrence_id,
        "RECURRENCE-ID;VALUE=DATE:19960401"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        rrule,
        set_rrule,
        "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        dtend,
        set_dtend,
        "DTEND;VALUE=DATE:19980704"
    );
    one!(
        Event,
        EventMut,
        "VEVENT",
        duration,
        set_duration,
        "DURATION:PT1H"
    );
    one!(Event, EventMut, "VEVENT", color, set_color, "COLOR:red");
    many!(
        Event,
        EventMut,
        "VEVENT",
        attachments,
        add_attach,
        "ATTACH;FMTTYPE=application/postscript:ftp://example.com/pub/reports/r-960812.ps"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        attachments,
        add_attach,
        "ATTACH;ENCODING=BASE64;VALUE=BINARY;FMTTYPE=text/plain:SGVsbG8gV29ybGQh"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        attendees,
        add_attendee,
        "ATTENDEE;CUTYPE=GROUP;MEMBER=\"mailto:ietf-calsch@example.org\";ROLE=CHAIR;PARTSTAT=ACCEPTED;RSVP=TRUE;DELEGATED-TO=\"mailto:a@example.com\",\"mailto:b@example.com\";DELEGATED-FROM=\"mailto:c@example.com\";CN=Jo;LANGUAGE=de;EMAIL=jo@example.net;SCHEDULE-STATUS=2.0;X-EXTRA=kept:mailto:jo@example.com"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        categories,
        add_categories,
        "CATEGORIES;LANGUAGE=en:APPOINTMENT,EDUCATION\\, training"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        comments,
        add_comment,
        "COMMENT:The meeting really needs to include both ourselves\\; and the customer."
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        contacts,
        add_contact,
        "CONTACT;ALTREP=\"ldap://example.com:6666/o=ABC%20Industries\":Jim Dolittle\\, ABC Industries\\, +1-919-555-1234"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        exdates,
        add_exdate,
        "EXDATE;TZID=America/New_York:19960402T010000,19960403T010000"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        request_statuses,
        add_request_status,
        "REQUEST-STATUS;LANGUAGE=en:3.7;Invalid calendar user;ATTENDEE:mailto:jsmith@example.com"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        related_to,
        add_related_to,
        "RELATED-TO;RELTYPE=FINISHTOSTART;GAP=P1D:jsmith.part7.19960817T083000.xyzMail@example.com"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        related_to,
        add_related_to,
        "RELATED-TO;VALUE=URI:https://example.com/tasks/1"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        resources,
        add_resources,
        "RESOURCES:EASEL,PROJECTOR,VCR"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        rdates,
        add_rdate,
        "RDATE;VALUE=PERIOD:19960403T020000Z/19960403T040000Z,19960404T010000Z/PT3H"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        rdates,
        add_rdate,
        "RDATE;VALUE=DATE:19970101,19970120"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        conferences,
        add_conference,
        "CONFERENCE;VALUE=URI;FEATURE=PHONE,MODERATOR;LABEL=Moderator dial-in;LANGUAGE=en:tel:+1-412-555-0123,,,654321"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        images,
        add_image,
        "IMAGE;ENCODING=BASE64;VALUE=BINARY;DISPLAY=THUMBNAIL;FMTTYPE=image/png;ALTREP=\"https://example.com/i.png\":iVBORw0KGgo="
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        styled_descriptions,
        add_styled_description,
        "STYLED-DESCRIPTION;FMTTYPE=text/html;DERIVED=TRUE;LANGUAGE=en;VALUE=TEXT:<p>Hi</p>"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        styled_descriptions,
        add_styled_description,
        "STYLED-DESCRIPTION;VALUE=URI:http://example.org/desc001.html"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        structured_data,
        add_structured_data,
        "STRUCTURED-DATA;FMTTYPE=application/ld+json;SCHEMA=\"https://schema.org/SportsEvent\";VALUE=TEXT:{\"@type\": \"SportsEvent\"}"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        structured_data,
        add_structured_data,
        "STRUCTURED-DATA;VALUE=URI:http://dir.example.com/venues/big-hall.vcf"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        links,
        add_link,
        "LINK;LINKREL=latest-version;LABEL=Venue;VALUE=URI:https://example.com/events"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        links,
        add_link,
        "LINK;LINKREL=\"https://example.com/linkrel/derivedFrom\";VALUE=XML-REFERENCE:https://example.com/x.xml#xpointer(a)"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        concepts,
        add_concept,
        "CONCEPT:https://example.com/event-types/arts/music"
    );
    many!(
        Event,
        EventMut,
        "VEVENT",
        refids,
        add_refid,
        "REFID:itinerary-2014-11-17"
    );
}

#[test]
fn todo_and_journal_properties() {
    one!(
        Todo,
        TodoMut,
        "VTODO",
        completed,
        set_completed,
        "COMPLETED:19960401T150000Z"
    );
    one!(
        Todo,
        TodoMut,
        "VTODO",
        percent_complete,
        set_percent_complete,
        "PERCENT-COMPLETE:39"
    );
    one!(
        Todo,
        TodoMut,
        "VTODO",
        due,
        set_due,
        "DUE;VALUE=DATE:19980415"
    );
    one!(
        Todo,
        TodoMut,
        "VTODO",
        status,
        set_status,
        "STATUS:IN-PROCESS"
    );
    one!(
        Todo,
        TodoMut,
        "VTODO",
        dtstart,
        set_dtstart,
        "DTSTART:19980118T073000Z"
    );
    one!(
        Todo,
        TodoMut,
        "VTODO",
        duration,
        set_duration,
        "DURATION:P15DT5H0M20S"
    );
    many!(
        Todo,
        TodoMut,
        "VTODO",
        attendees,
        add_attendee,
        "ATTENDEE;PARTSTAT=IN-PROCESS:mailto:jsmith@example.com"
    );
    one!(
        Journal,
        JournalMut,
        "VJOURNAL",
        status,
        set_status,
        "STATUS:DRAFT"
    );
    one!(
        Journal,
        JournalMut,
        "VJOURNAL",
        summary,
        set_summary,
        "SUMMARY:Staff meeting minutes"
    );
    one!(
        Journal,
        JournalMut,
        "VJOURNAL",
        dtstart,
        set_dtstart,
        "DTSTART;VALUE=DATE:19970317"
    );
    many!(
        Journal,
        JournalMut,
        "VJOURNAL",
        descriptions,
        add_description,
        "DESCRIPTION:1. Staff meeting: Participants include Joe\\, Lisa\\, and Bob."
    );
}

#[test]
fn freebusy_timezone_and_alarm_properties() {
    one!(
        FreeBusyComponent,
        FreeBusyComponentMut,
        "VFREEBUSY",
        contact,
        set_contact,
        "CONTACT:Jim Dolittle"
    );
    one!(
        FreeBusyComponent,
        FreeBusyComponentMut,
        "VFREEBUSY",
        dtend,
        set_dtend,
        "DTEND:19980315T000000Z"
    );
    many!(
        FreeBusyComponent,
        FreeBusyComponentMut,
        "VFREEBUSY",
        freebusy,
        add_freebusy,
        "FREEBUSY:19970308T160000Z/PT3H,19970308T200000Z/PT1H"
    );
    many!(
        FreeBusyComponent,
        FreeBusyComponentMut,
        "VFREEBUSY",
        freebusy,
        add_freebusy,
        "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:19970308T160000Z/PT8H30M"
    );
    one!(
        TimeZone,
        TimeZoneMut,
        "VTIMEZONE",
        tzid,
        set_tzid,
        "TZID:America/New_York"
    );
    one!(
        TimeZone,
        TimeZoneMut,
        "VTIMEZONE",
        tzurl,
        set_tzurl,
        "TZURL:http://timezones.example.org/tz/America-Los_Angeles.ics"
    );
    one!(
        TimeZone,
        TimeZoneMut,
        "VTIMEZONE",
        tzuntil,
        set_tzuntil,
        "TZUNTIL:20300101T000000Z"
    );
    many!(
        TimeZone,
        TimeZoneMut,
        "VTIMEZONE",
        tzid_aliases,
        add_tzid_alias_of,
        "TZID-ALIAS-OF:US/Eastern"
    );
    one!(
        Standard,
        StandardMut,
        "STANDARD",
        tzoffsetfrom,
        set_tzoffsetfrom,
        "TZOFFSETFROM:-0400"
    );
    one!(
        Standard,
        StandardMut,
        "STANDARD",
        tzoffsetto,
        set_tzoffsetto,
        "TZOFFSETTO:+0545"
    );
    one!(
        Daylight,
        DaylightMut,
        "DAYLIGHT",
        rrule,
        set_rrule,
        "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3"
    );
    many!(
        Daylight,
        DaylightMut,
        "DAYLIGHT",
        tznames,
        add_tzname,
        "TZNAME;LANGUAGE=fr-CA:HNE"
    );
    one!(
        Alarm,
        AlarmMut,
        "VALARM",
        action,
        set_action,
        "ACTION:AUDIO"
    );
    one!(
        Alarm,
        AlarmMut,
        "VALARM",
        trigger,
        set_trigger,
        "TRIGGER;RELATED=END:PT5M"
    );
    one!(
        Alarm,
        AlarmMut,
        "VALARM",
        trigger,
        set_trigger,
        "TRIGGER;VALUE=DATE-TIME:19980101T050000Z"
    );
    one!(Alarm, AlarmMut, "VALARM", repeat, set_repeat, "REPEAT:4");
    one!(
        Alarm,
        AlarmMut,
        "VALARM",
        duration,
        set_duration,
        "DURATION:PT15M"
    );
}

#[test]
fn extension_component_properties() {
    one!(
        Availability,
        AvailabilityMut,
        "VAVAILABILITY",
        busytype,
        set_busytype,
        "BUSYTYPE:BUSY"
    );
    one!(
        Availability,
        AvailabilityMut,
        "VAVAILABILITY",
        organizer,
        set_organizer,
        "ORGANIZER:mailto:bernard@example.com"
    );
    one!(
        Available,
        AvailableMut,
        "AVAILABLE",
        rrule,
        set_rrule,
        "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    );
    one!(
        Available,
        AvailableMut,
        "AVAILABLE",
        dtstart,
        set_dtstart,
        "DTSTART;TZID=America/Montreal:20111002T090000"
    );
    one!(
        Participant,
        ParticipantMut,
        "PARTICIPANT",
        participant_type,
        set_participant_type,
        "PARTICIPANT-TYPE:SPEAKER"
    );
    one!(
        Participant,
        ParticipantMut,
        "PARTICIPANT",
        calendar_address,
        set_calendar_address,
        "CALENDAR-ADDRESS:mailto:speaker@example.com"
    );
    many!(
        Participant,
        ParticipantMut,
        "PARTICIPANT",
        locations,
        add_location,
        "LOCATION:Stage left"
    );
    one!(
        VLocation,
        VLocationMut,
        "VLOCATION",
        location_type,
        set_location_type,
        "LOCATION-TYPE:hotel,restaurant"
    );
    one!(
        VLocation,
        VLocationMut,
        "VLOCATION",
        name,
        set_name,
        "NAME:The venue"
    );
    one!(
        VResource,
        VResourceMut,
        "VRESOURCE",
        resource_type,
        set_resource_type,
        "RESOURCE-TYPE:PROJECTOR"
    );
    // Enumerated values are case-insensitive tokens; they are written in
    // upper case (RFC 9073 §7.3's example writes `projector`).
    let doc = parse("BEGIN:VRESOURCE\r\nRESOURCE-TYPE:projector\r\nEND:VRESOURCE\r\n").unwrap();
    assert_eq!(
        VResource::new(&doc.components[0])
            .unwrap()
            .resource_type()
            .unwrap(),
        Some(ResourceType::Projector)
    );
}

#[test]
fn typed_values_and_parameters() {
    let text = "BEGIN:VEVENT\r\nATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=X-MAYBE;RSVP=TRUE;CN=\"Doe, Jane\":mailto:jane@example.com\r\n\
                STATUS:X-ON-HOLD\r\nTRIGGER:-PT15M\r\nEND:VEVENT\r\n";
    let doc = parse(text).unwrap();
    let event = Event::new(&doc.components[0]).unwrap();
    let jane = &event.attendees().unwrap()[0];
    assert_eq!(jane.cn.as_deref(), Some("Doe, Jane"));
    assert_eq!(jane.partstat(), PartStat::Other("X-MAYBE".into()));
    assert_eq!(jane.role(), Role::ReqParticipant);
    assert_eq!(jane.rsvp, Some(true));
    assert_eq!(jane.address.email(), Some("jane@example.com"));
    assert_eq!(
        event.status().unwrap(),
        Some(Status::Other("X-ON-HOLD".into()))
    );
    assert_eq!(event.summary().unwrap(), None);
}

#[test]
fn invalid_values_are_typed_errors_naming_the_property() {
    let text =
        "BEGIN:VEVENT\r\nDTSTART:2024-01-05\r\nPRIORITY:high\r\nDTEND:20240105\r\nEND:VEVENT\r\n";
    let doc = parse(text).unwrap();
    let event = Event::new(&doc.components[0]).unwrap();
    let err = event.dtstart().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert!(
        err.message()
            .starts_with("the DTSTART property `2024-01-05` is not valid:"),
        "{err}"
    );
    assert_eq!(
        event.priority().unwrap_err().kind(),
        ErrorKind::InvalidValue
    );
    // A DATE without VALUE=DATE is reported, not silently accepted.
    assert!(event.dtend().unwrap_err().message().contains("VALUE"));
    // The tree is unchanged and still there.
    assert_eq!(doc.to_string(), text);
}

#[test]
fn views_only_accept_their_component() {
    let c = Component::new("VTODO");
    assert!(Event::new(&c).is_none());
    assert!(Todo::new(&c).is_some());
}

#[test]
fn builders_make_valid_components() {
    let event = Event::builder(
        "42@example.com",
        "20240101T120000Z".parse::<DateTime>().unwrap(),
    )
    .summary(Text::from("Réunion").with_language("fr"))
    .dtstart(When::zoned(
        "20240105T090000".parse::<DateTime>().unwrap(),
        "Europe/Berlin",
    ))
    .duration(Duration::parse("PT1H").unwrap())
    .organizer(
        Attendee::new("mailto:boss@example.com")
            .unwrap()
            .with_cn("Boss"),
    )
    .attendee(
        Attendee::new("mailto:jo@example.com")
            .unwrap()
            .with_partstat(PartStat::Accepted),
    )
    .categories(TextList::from(["MEETING", "WORK"]))
    .component(
        Alarm::builder(
            Action::Display,
            Trigger::Relative {
                duration: Duration::parse("-PT10M").unwrap(),
                related_to_end: false,
            },
        )
        .description("Soon")
        .build(),
    )
    .build();
    let tz = TimeZone::builder("Europe/Berlin")
        .component(
            StandardBuilder::empty()
                .dtstart(When::from("19701025T030000".parse::<DateTime>().unwrap()))
                .tzoffsetfrom(
                    "+0200"
                        .parse::<kalends_ical_core::value::UtcOffset>()
                        .unwrap(),
                )
                .tzoffsetto(
                    "+0100"
                        .parse::<kalends_ical_core::value::UtcOffset>()
                        .unwrap(),
                )
                .build(),
        )
        .build();
    let doc = Calendar::builder("-//kalends//test//EN")
        .component(tz)
        .component(event)
        .build();
    let text = doc.to_string();
    assert!(
        validate(&doc, Some(&text)).is_empty(),
        "{:#?}",
        validate(&doc, Some(&text))
    );
    // And it reads back through the views.
    let reread = parse(&text).unwrap();
    let cal = Calendar::new(reread.calendar().unwrap()).unwrap();
    let event = cal.events().next().unwrap();
    assert_eq!(
        event.summary().unwrap().unwrap().language.as_deref(),
        Some("fr")
    );
    assert_eq!(event.alarms().count(), 1);
    assert_eq!(cal.timezones().next().unwrap().observances().count(), 1);
}
