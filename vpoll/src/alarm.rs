//! The VALARM extensions of RFC 9074: UID (§4), RELATED-TO (§5),
//! ACKNOWLEDGED (§6), snoozing (§7), PROXIMITY with VLOCATION (§8), and
//! ACTION:NONE.
//!
//! [`AlarmView`] reads an alarm; [`acknowledge`], [`snooze`] and
//! [`dismiss`] change the alarms of a VEVENT or VTODO the way RFC 9074 §7
//! prescribes. Operations take the time as an argument and the UID of a new
//! snooze alarm as an argument (or derive it with [`snooze_uid`]).

use std::borrow::Cow;

use kalends_ical_core::value::{DateTime, Duration};
use kalends_ical_core::{Component, Parameter, Property};

use crate::error::{Error, ErrorKind, quote};
use crate::model::{AlarmAction, Proximity};
use crate::util::{self, detach, dt_property};

/// The TRIGGER value RFC 9074 §8 says is commonly used to mean "ignore the
/// time trigger" on a proximity alarm.
pub const IGNORED_TRIGGER: &str = "19760401T005545Z";

/// What a relative trigger is measured from (RELATED, RFC 5545 §3.2.14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Related {
    /// The start (DTSTART) of the event or to-do (the default).
    Start,
    /// The end: DTEND (or DTSTART + DURATION) of an event, DUE of a to-do.
    End,
}

/// A TRIGGER (RFC 5545 §3.8.6.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trigger {
    /// A duration before (negative) or after the start or end.
    Relative {
        /// The offset.
        offset: Duration,
        /// Start or end.
        related: Related,
    },
    /// An absolute UTC date-time (`VALUE=DATE-TIME`).
    Absolute(DateTime),
}

/// A RELATED-TO of an alarm (RFC 9074 §5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// The UID related to.
    pub uid: String,
    /// RELTYPE, upper-cased; PARENT when absent (RFC 5545 §3.2.15).
    pub reltype: String,
}

/// A read-only view of a VALARM.
///
/// ```
/// use kalends_vpoll::{AlarmView, Proximity};
/// let text = "BEGIN:VALARM\r\nUID:77D80D14-906B-4257-963F-85B1E734DBB6\r\nACTION:DISPLAY\r\n\
/// TRIGGER;VALUE=DATE-TIME:19760401T005545Z\r\nDESCRIPTION:Remember to buy milk\r\n\
/// PROXIMITY:DEPART\r\nBEGIN:VLOCATION\r\nUID:123456-abcdef-98765432\r\nNAME:Office\r\n\
/// URL:geo:40.443,-79.945;u=10\r\nEND:VLOCATION\r\nEND:VALARM\r\n";
/// let doc = kalends_ical_core::parse(text)?;
/// let alarm = AlarmView::new(&doc.components[0]).ok_or("not an alarm")?;
/// assert_eq!(alarm.proximity(), Some(Proximity::Depart));
/// assert_eq!(alarm.location_urls(), ["geo:40.443,-79.945;u=10"]);
/// assert!(alarm.trigger_is_ignored());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct AlarmView<'c, 'a> {
    component: &'c Component<'a>,
}

impl<'c, 'a> AlarmView<'c, 'a> {
    /// A view of `component`, which must be a VALARM.
    pub fn new(component: &'c Component<'a>) -> Option<AlarmView<'c, 'a>> {
        component.is("VALARM").then_some(AlarmView { component })
    }

    /// The component viewed.
    pub fn component(&self) -> &'c Component<'a> {
        self.component
    }

    /// UID (RFC 9074 §4).
    pub fn uid(&self) -> Option<&'c str> {
        util::value(self.component, "UID")
    }

    /// ACTION (RFC 5545 §3.8.6.1), NONE included.
    pub fn action(&self) -> Option<AlarmAction> {
        util::value(self.component, "ACTION").map(AlarmAction::parse)
    }

    /// DESCRIPTION, decoded.
    pub fn description(&self) -> Option<Cow<'c, str>> {
        util::text(self.component, "DESCRIPTION")
    }

    /// TRIGGER. Absolute when `VALUE=DATE-TIME` or when the value is a
    /// date-time; otherwise a duration related to START or END.
    pub fn trigger(&self) -> Result<Trigger, Error> {
        let p = self
            .component
            .property("TRIGGER")
            .ok_or_else(|| Error::invalid("the VALARM has no TRIGGER (RFC 5545 §3.6.6)."))?;
        let v = p.value().trim();
        let absolute = p
            .param_value("VALUE")
            .is_some_and(|t| t.eq_ignore_ascii_case("DATE-TIME"))
            || !v.trim_start_matches(['+', '-']).starts_with(['P', 'p']);
        if absolute {
            return util::date_time(p).map(Trigger::Absolute);
        }
        let related = match p.param_value("RELATED") {
            Some(r) if r.eq_ignore_ascii_case("END") => Related::End,
            _ => Related::Start,
        };
        Ok(Trigger::Relative {
            offset: util::duration(p)?,
            related,
        })
    }

    /// True when TRIGGER is the "ignore me" value of RFC 9074 §8
    /// (`19760401T005545Z`).
    pub fn trigger_is_ignored(&self) -> bool {
        util::value(self.component, "TRIGGER") == Some(IGNORED_TRIGGER)
    }

    /// REPEAT; 0 when absent (RFC 5545 §3.8.6.2).
    pub fn repeat(&self) -> Result<u32, Error> {
        match self.component.property("REPEAT") {
            None => Ok(0),
            Some(p) => {
                let n = util::integer(p)?;
                u32::try_from(n)
                    .map_err(|_| util::bad_value("REPEAT", p.value(), "a non-negative integer"))
            }
        }
    }

    /// DURATION between repetitions (RFC 5545 §3.8.2.5).
    pub fn duration(&self) -> Result<Option<Duration>, Error> {
        self.component
            .property("DURATION")
            .map(util::duration)
            .transpose()
    }

    /// ACKNOWLEDGED (RFC 9074 §6.1): when the alarm was last sent or acknowledged.
    pub fn acknowledged(&self) -> Result<Option<DateTime>, Error> {
        util::opt_date_time(self.component, "ACKNOWLEDGED")
    }

    /// RELATED-TO properties (RFC 9074 §5).
    pub fn related_to(&self) -> Vec<Relation> {
        self.component
            .properties_named("RELATED-TO")
            .map(|p| Relation {
                uid: p.value().trim().to_owned(),
                reltype: p
                    .param_value("RELTYPE")
                    .map_or_else(|| "PARENT".to_owned(), |t| t.trim().to_ascii_uppercase()),
            })
            .collect()
    }

    /// The UID of the alarm this one snoozes (`RELATED-TO;RELTYPE=SNOOZE`,
    /// RFC 9074 §7.1), if it is a snooze alarm.
    pub fn snoozes(&self) -> Option<&'c str> {
        self.component
            .properties_named("RELATED-TO")
            .find(|p| {
                p.param_value("RELTYPE")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("SNOOZE"))
            })
            .map(|p| p.value().trim())
    }

    /// PROXIMITY (RFC 9074 §8.1).
    pub fn proximity(&self) -> Option<Proximity> {
        util::value(self.component, "PROXIMITY").map(Proximity::parse)
    }

    /// The VLOCATION sub-components (RFC 9074 §8, RFC 9073 §7.2).
    pub fn locations(&self) -> impl Iterator<Item = &'c Component<'a>> + 'c {
        self.component.components_named("VLOCATION")
    }

    /// The URL of each VLOCATION (a `geo:` URI, RFC 5870).
    pub fn location_urls(&self) -> Vec<&'c str> {
        self.locations()
            .filter_map(|l| util::value(l, "URL"))
            .collect()
    }

    /// True when the alarm is triggered by location, not by time: it has a
    /// PROXIMITY (its TRIGGER is then present "but ignored", RFC 9074 §8).
    pub fn is_proximity(&self) -> bool {
        self.component.property("PROXIMITY").is_some()
    }
}

/// Which alarm of a component an operation is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlarmRef<'s> {
    /// The VALARM with this UID.
    Uid(&'s str),
    /// The n-th VALARM (0-based) among the component's VALARMs.
    Index(usize),
}

/// The UID [`snooze`] can be given for a new snooze alarm, derived from the
/// original alarm's UID and the snooze time: `<uid>-snooze-<until>`.
pub fn snooze_uid(original_uid: &str, until: DateTime) -> String {
    format!("{original_uid}-snooze-{until}")
}

/// The child index of the alarm `which` in `parent`.
fn find(parent: &Component<'_>, which: AlarmRef<'_>) -> Result<usize, Error> {
    let mut n = 0usize;
    for (i, c) in parent.components().iter().enumerate() {
        if !c.is("VALARM") {
            continue;
        }
        let hit = match which {
            AlarmRef::Uid(u) => util::value(c, "UID") == Some(u.trim()),
            AlarmRef::Index(k) => n == k,
        };
        if hit {
            return Ok(i);
        }
        n = n.saturating_add(1);
    }
    Err(Error::new(
        ErrorKind::UnknownAlarm,
        match which {
            AlarmRef::Uid(u) => {
                format!("the {} has no VALARM with UID {}.", parent.name(), quote(u))
            }
            AlarmRef::Index(k) => format!("the {} has no VALARM number {k}.", parent.name()),
        },
    ))
}

fn alarm_at<'c>(
    parent: &'c mut Component<'static>,
    index: usize,
) -> Result<&'c mut Component<'static>, Error> {
    parent
        .components_mut()
        .get_mut(index)
        .ok_or_else(|| Error::new(ErrorKind::UnknownAlarm, "the VALARM vanished."))
}

fn require_utc(what: &str, at: DateTime) -> Result<(), Error> {
    if at.is_utc() {
        Ok(())
    } else {
        Err(Error::value(format!(
            "{what} must be a UTC date-time (RFC 9074 §6.1, §7), found {}.",
            quote(&at.to_string())
        )))
    }
}

/// Sets a property on an alarm. An alarm with sub-components (VLOCATION) is
/// first rewritten canonically so the new property is written before them.
fn set_on_alarm(alarm: &mut Component<'static>, property: Property<'static>) {
    if !alarm.components().is_empty() && alarm.property(property.name()).is_none() {
        *alarm = detach(alarm);
    }
    alarm.set(property);
}

/// Sets ACKNOWLEDGED on the alarm `which` of `parent` to `at` (UTC), as a
/// client does when the user acknowledges an alarm or a non-interactive
/// alarm is sent (RFC 9074 §6.1).
pub fn acknowledge(
    parent: &mut Component<'static>,
    which: AlarmRef<'_>,
    at: DateTime,
) -> Result<(), Error> {
    require_utc("ACKNOWLEDGED", at)?;
    let i = find(parent, which)?;
    set_on_alarm(alarm_at(parent, i)?, dt_property("ACKNOWLEDGED", at));
    Ok(())
}

/// The original alarm of a snooze alarm, as a child index.
fn original_of(parent: &Component<'_>, i: usize) -> Option<usize> {
    let snoozed = parent
        .components()
        .get(i)
        .and_then(AlarmView::new)
        .and_then(|a| a.snoozes())?;
    find(parent, AlarmRef::Uid(snoozed)).ok()
}

/// Snoozes the triggered alarm `which` of `parent` until `until` (UTC), at
/// time `now` (UTC), following RFC 9074 §7:
///
/// 1. ACKNOWLEDGED on the original alarm is set to `now`; if `which` is
///    itself a snooze alarm, its original is acknowledged and the snooze
///    alarm is removed (step 3b: "remove the snooze alarm component and
///    return to step 2").
/// 2. A new snooze alarm is added right after the original: UID `new_uid`,
///    `TRIGGER;VALUE=DATE-TIME:<until>`, `RELATED-TO;RELTYPE=SNOOZE:<original
///    UID>`, and the original's other properties (ACTION, DESCRIPTION,
///    SUMMARY, ATTENDEE, ATTACH, X- properties …) in their order, without
///    its REPEAT, DURATION, ACKNOWLEDGED, RELATED-TO, PROXIMITY or
///    sub-components. An original without UID gets `original_uid_if_missing`
///    first (RFC 9074 §7 step 2b: "the client MUST add one").
///
/// Nothing else changes; updating the parent's DTSTAMP is left to the caller.
pub fn snooze(
    parent: &mut Component<'static>,
    which: AlarmRef<'_>,
    now: DateTime,
    until: DateTime,
    new_uid: &str,
    original_uid_if_missing: &str,
) -> Result<(), Error> {
    require_utc("the time given", now)?;
    require_utc("the snooze TRIGGER", until)?;
    let mut i = find(parent, which)?;
    if let Some(orig) = original_of(parent, i) {
        parent.components_mut().remove(i);
        i = if orig > i {
            orig.saturating_sub(1)
        } else {
            orig
        };
    }
    let original = alarm_at(parent, i)?;
    if original.property("UID").is_none() {
        set_on_alarm(
            original,
            Property::new("UID", original_uid_if_missing.to_owned()),
        );
    }
    set_on_alarm(original, dt_property("ACKNOWLEDGED", now));
    let orig_uid = util::value(original, "UID")
        .unwrap_or(original_uid_if_missing)
        .to_owned();

    let mut s = Component::new("VALARM");
    s.push(Property::new("UID", new_uid.to_owned()));
    s.push(dt_property("TRIGGER", until).with_param(Parameter::new("VALUE", "DATE-TIME")));
    s.push(Property::new("RELATED-TO", orig_uid).with_param(Parameter::new("RELTYPE", "SNOOZE")));
    const SKIP: [&str; 8] = [
        "UID",
        "TRIGGER",
        "RELATED-TO",
        "ACKNOWLEDGED",
        "REPEAT",
        "DURATION",
        "PROXIMITY",
        "RELATED",
    ];
    for p in original.properties() {
        if !SKIP.iter().any(|n| p.is(n)) {
            s.push(util::detach_property(p));
        }
    }
    parent.components_mut().insert(i.saturating_add(1), s);
    Ok(())
}

/// Dismisses the triggered alarm `which` at `now` (UTC). For a snooze alarm
/// (RFC 9074 §7 step 3): ACKNOWLEDGED is updated on the original, and the
/// snooze alarm is acknowledged too, or removed when `remove_snooze`. For
/// any other alarm: ACKNOWLEDGED is set (§6.1).
pub fn dismiss(
    parent: &mut Component<'static>,
    which: AlarmRef<'_>,
    now: DateTime,
    remove_snooze: bool,
) -> Result<(), Error> {
    require_utc("the time given", now)?;
    let i = find(parent, which)?;
    match original_of(parent, i) {
        Some(orig) => {
            set_on_alarm(alarm_at(parent, orig)?, dt_property("ACKNOWLEDGED", now));
            if remove_snooze {
                parent.components_mut().remove(i);
            } else {
                set_on_alarm(alarm_at(parent, i)?, dt_property("ACKNOWLEDGED", now));
            }
        }
        None => set_on_alarm(alarm_at(parent, i)?, dt_property("ACKNOWLEDGED", now)),
    }
    Ok(())
}
