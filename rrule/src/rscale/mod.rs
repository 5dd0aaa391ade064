//! The non-Gregorian calendars of RSCALE (RFC 7529), backed by ICU4X.
//!
//! RFC 7529 §3 evaluates a rule in the fields of the calendar its RSCALE
//! names; RFC 7529 §5 takes the names from CLDR (`common/bcp47/calendar.xml`),
//! compares them case-insensitively and treats CLDR aliases as equivalent.
//! [`rscale_calendar`] and [`calendar`] resolve a name to a
//! [`CalendarSystem`]; an unknown name is an [`ErrorKind::UnsupportedCalendar`]
//! error, so that the caller can apply RFC 7529 §6.
//!
//! ```
//! use kalends_rrule::calendar::CalendarSystem;
//! use kalends_rrule::rscale::rscale_calendar;
//!
//! // RFC 7529 §3: 2013-02-10 is the first day of Chinese year 4650.
//! let chinese = rscale_calendar("CHINESE")?;
//! let day = chinese.day_of_date(4650, 1, 1);
//! assert_eq!(kalends_rrule::calendar::Gregorian.date_of_day(day).year, 2013);
//! let next = chinese.date_of_day(chinese.day_of_date(4651, 1, 1));
//! assert_eq!((next.year, next.month, next.day), (4651, 1, 1));
//! assert!(rscale_calendar("KLINGON").is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Calendars
//!
//! | RSCALE (any case) | calendar | year numbers |
//! |---|---|---|
//! | `GREGORIAN`, `GREGORY`, `ISO8601` | Gregorian | Gregorian |
//! | `BUDDHIST` | Gregorian months | Buddhist Era (Gregorian + 543) |
//! | `ROC` | Gregorian months | Minguo (Gregorian − 1911) |
//! | `JAPANESE` | Gregorian months | Gregorian (eras change mid-year) |
//! | `CHINESE` | ICU4X `ChineseTraditional`, see below | ICU epoch: related Gregorian year + 2637 (2013 → 4650, RFC 7529 §3) |
//! | `DANGI` | ICU4X `KoreanTraditional`, see below | ICU epoch: related Gregorian year + 2333 |
//! | `HEBREW` | ICU4X `Hebrew` | Anno Mundi |
//! | `COPTIC` | ICU4X `Coptic`, 13 months | Era of the Martyrs |
//! | `ETHIOPIC` | ICU4X `Ethiopian`, 13 months | Amete Mihret |
//! | `ETHIOAA`, `ETHIOPIC-AMETE-ALEM` | the same days | Amete Alem (Amete Mihret + 5500) |
//! | `INDIAN` | ICU4X `Indian` | Saka |
//! | `PERSIAN` | ICU4X `Persian` | Solar Hijri |
//! | `ISLAMIC-CIVIL`, `ISLAMICC` | ICU4X tabular Hijri, type II leap years, Friday epoch | Anno Hegirae |
//! | `ISLAMIC-TBLA` | ICU4X tabular Hijri, type II leap years, Thursday epoch | Anno Hegirae |
//! | `ISLAMIC-UMALQURA` | ICU4X Umm al-Qura | Anno Hegirae |
//! | `ISLAMIC`, `ISLAMIC-RGSA` | as `ISLAMIC-CIVIL` | Anno Hegirae |
//!
//! Month codes follow RFC 7529 §4.2: a leap month is `NL`, the leap month
//! after regular month N. They equal ICU4X's month codes: Hebrew Adar I is
//! `5L` and Adar (Adar II in a leap year) stays `6`; a Chinese leap month
//! after the ninth month is `9L`. Coptic and Ethiopic have a thirteenth
//! month (`BYMONTH=13`, RFC 7529 §4.3.2).
//!
//! # Readings and divergences
//!
//! - **Chinese and Dangi outside 1900–2100.** ICU4X ships official tables
//!   for 1900–2100 and by default falls back to a mean-moon approximation
//!   outside them, which agrees with ICU4C on only two thirds of the days
//!   of 2101–2200. This module uses ICU4X's astronomical GB/T 33661-2017
//!   computation there instead (Korean time for Dangi), as ICU4C computes
//!   every year astronomically; it agrees with ICU4C 72 on about 98.5% of
//!   the days of 2101–2200 (the rest are months where the two computations
//!   put a new moon or a solar term on different sides of midnight). Within
//!   1900–2100 the official tables are followed, from which ICU4C 72
//!   deviates in 15 Chinese and 3 Korean years.
//! - **`ISLAMIC` and `ISLAMIC-RGSA`.** CLDR leaves the algorithm of the
//!   plain `islamic` calendar to the region; without a region ICU4X resolves
//!   it (and `islamic-rgsa`) to the civil tabular calendar, and so does this
//!   module. ICU4C instead computes an astronomical calendar of its own, so
//!   libical's results for `RSCALE=ISLAMIC` differ on most days.
//! - **`ISO8601`** is the Gregorian calendar: RFC 5545 already numbers weeks
//!   the ISO way, from WKST.
//! - ICU4C 72 also differs from ICU4X (and from the arithmetic of the
//!   Hebrew calendar) for the Hebrew years 5806–5807, and for the Persian
//!   years 1502–1503 (2123–2124), where ICU4C uses a 33-year arithmetic
//!   cycle and ICU4X the astronomical rule.
//!
//! # Cost
//!
//! Years are computed with ICU4X once, 32 at a time, into a process-wide
//! cache per calendar (about 1 KB per 32 years); every [`CalendarSystem`]
//! method after that is a table lookup. A Chinese or Korean year outside
//! 1900–2100 costs about 0.4 ms to compute the first time.

mod icu;
mod solar;
mod table;

use std::sync::{Arc, OnceLock};

use crate::calendar::{Calendar, CalendarSystem, Gregorian, days_from_civil};
use crate::error::{Error, ErrorKind, quote};

use icu::Algorithm;
use solar::ShiftedGregorian;
use table::{MonthCount, Shape, TableCalendar, YearTable};

/// Every RSCALE name this build accepts, lower case, with the canonical
/// name it stands for (RFC 7529 §5: CLDR names and aliases, compared
/// case-insensitively). `islamicc` is CLDR's deprecated name of
/// `islamic-civil`.
const NAMES: [(&str, &str); 21] = [
    ("buddhist", "buddhist"),
    ("chinese", "chinese"),
    ("coptic", "coptic"),
    ("dangi", "dangi"),
    ("ethioaa", "ethioaa"),
    ("ethiopic-amete-alem", "ethioaa"),
    ("ethiopic", "ethiopic"),
    ("gregorian", "gregorian"),
    ("gregory", "gregorian"),
    ("hebrew", "hebrew"),
    ("indian", "indian"),
    ("islamic", "islamic"),
    ("islamic-civil", "islamic-civil"),
    ("islamicc", "islamic-civil"),
    ("islamic-rgsa", "islamic-rgsa"),
    ("islamic-tbla", "islamic-tbla"),
    ("islamic-umalqura", "islamic-umalqura"),
    ("iso8601", "iso8601"),
    ("japanese", "japanese"),
    ("persian", "persian"),
    ("roc", "roc"),
];

/// Every RSCALE name [`rscale_calendar`] accepts (in any case): the CLDR
/// calendar names and their aliases, lower case.
///
/// ```
/// assert!(kalends_rrule::rscale::names().any(|n| n == "ethiopic-amete-alem"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn names() -> impl Iterator<Item = &'static str> {
    NAMES.iter().map(|(name, _)| *name)
}

/// The canonical lower-case name of the calendar an RSCALE value names,
/// or `None` for a name this build does not know. Aliases map to one name
/// (`GREGORY` → `gregorian`, `ETHIOPIC-AMETE-ALEM` → `ethioaa`,
/// `ISLAMICC` → `islamic-civil`); RFC 7529 §5.
///
/// ```
/// use kalends_rrule::rscale::canonical_name;
///
/// assert_eq!(canonical_name("Ethiopic-Amete-Alem"), Some("ethioaa"));
/// assert_eq!(canonical_name("russian"), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn canonical_name(name: &str) -> Option<&'static str> {
    NAMES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, canonical)| *canonical)
}

/// The calendar system an RSCALE value names (RFC 7529 §4, §5), as the
/// engine's [`Calendar`]: [`Calendar::Gregorian`] for `GREGORIAN`,
/// `GREGORY` and `ISO8601`, [`Calendar::Other`] for every other calendar.
///
/// # Errors
///
/// [`ErrorKind::UnsupportedCalendar`] for a name that is not a CLDR
/// calendar this build supports (`RSCALE=KLINGON`); RFC 7529 §6 lets the
/// caller reject the component or treat it as non-recurring.
///
/// ```
/// use kalends_rrule::rscale::calendar;
///
/// assert!(calendar("iso8601")?.is_gregorian());
/// assert_eq!(calendar("Hebrew")?.name(), "hebrew");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn calendar(name: &str) -> Result<Calendar, Error> {
    let Some(canonical) = canonical_name(name) else {
        return Err(unsupported(name));
    };
    Ok(match system(canonical) {
        Some(system) => Calendar::Other(system),
        None => Calendar::Gregorian,
    })
}

/// The calendar system an RSCALE value names (RFC 7529 §4, §5), as a
/// shareable [`CalendarSystem`] (the Gregorian calendar included).
///
/// Calendars of one kind share one cache of computed years, so creating
/// them is cheap.
///
/// # Errors
///
/// [`ErrorKind::UnsupportedCalendar`] for a name that is not a CLDR
/// calendar this build supports (`RSCALE=RUSSIAN`).
///
/// ```
/// use kalends_rrule::rscale::rscale_calendar;
///
/// let ethiopic = rscale_calendar("ethiopic")?;
/// assert_eq!(ethiopic.months_in_year(2005), 13);
/// // RFC 7529 §4.3.2: 2005-13-01 (Ethiopic) is 2013-09-06.
/// let day = ethiopic.day_of_date(2005, 13, 1);
/// assert_eq!(rscale_calendar("gregorian")?.date_of_day(day).month, 9);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn rscale_calendar(name: &str) -> Result<Arc<dyn CalendarSystem>, Error> {
    let Some(canonical) = canonical_name(name) else {
        return Err(unsupported(name));
    };
    Ok(system(canonical).unwrap_or_else(|| Arc::new(Gregorian)))
}

/// The error for an RSCALE this build does not support.
fn unsupported(name: &str) -> Error {
    Error::new(
        ErrorKind::UnsupportedCalendar,
        format!(
            "the RSCALE {} names a calendar system this build does not support.",
            quote(name)
        ),
    )
}

/// The system of canonical name `canonical`; `None` for the Gregorian
/// calendar (and its aliases).
fn system(canonical: &'static str) -> Option<Arc<dyn CalendarSystem>> {
    let table = |algorithm, offset| -> Option<Arc<dyn CalendarSystem>> {
        Some(Arc::new(TableCalendar {
            name: canonical,
            table: year_table(algorithm),
            offset,
        }))
    };
    let shifted = |offset| -> Option<Arc<dyn CalendarSystem>> {
        Some(Arc::new(ShiftedGregorian {
            name: canonical,
            offset,
        }))
    };
    match canonical {
        "buddhist" => shifted(543),
        "roc" => shifted(-1911),
        "japanese" => shifted(0),
        // ICU4C's Chinese epoch (RFC 7529 §2, §3): 2013 is 4650.
        "chinese" => table(Algorithm::Chinese, 2637),
        // ICU4C's Dangi epoch: 2013 is 4346.
        "dangi" => table(Algorithm::Dangi, 2333),
        "hebrew" => table(Algorithm::Hebrew, 0),
        "coptic" => table(Algorithm::Coptic, 0),
        "ethiopic" => table(Algorithm::Ethiopic, 0),
        // Amete Alem = Amete Mihret + 5500.
        "ethioaa" => table(Algorithm::Ethiopic, 5500),
        "indian" => table(Algorithm::Indian, 0),
        "persian" => table(Algorithm::Persian, 0),
        "islamic" | "islamic-rgsa" | "islamic-civil" => table(Algorithm::HijriCivil, 0),
        "islamic-tbla" => table(Algorithm::HijriTbla, 0),
        "islamic-umalqura" => table(Algorithm::HijriUmmAlQura, 0),
        _ => None,
    }
}

/// A Gregorian year as a mean year length of 146 097 / 400 days.
const GREGORIAN_YEAR: (i64, i64) = (146_097, 400);
/// A Julian year (Coptic, Ethiopic): 1461 / 4 days.
const JULIAN_YEAR: (i64, i64) = (1_461, 4);
/// The mean Hebrew year: 235 months of 765 433 / 25 920 days over 19 years.
const HEBREW_YEAR: (i64, i64) = (235 * 765_433, 19 * 25_920);
/// The mean tabular Hijri year: 10 631 days in 30 years.
const HIJRI_YEAR: (i64, i64) = (10_631, 30);

/// The shape of algorithm `algorithm`'s table years: an anchor year with a
/// day near its start, the mean year, how months are counted.
fn shape(algorithm: Algorithm) -> Shape {
    let (anchor_year, anchor_day, (num, den), months, max_month) = match algorithm {
        // Table years are related ISO years; New Year falls Jan 21-Feb 20.
        Algorithm::Chinese | Algorithm::Dangi => (
            2013,
            days_from_civil(2013, 2, 5),
            GREGORIAN_YEAR,
            MonthCount::Lunations,
            30,
        ),
        // 5774 began 2013-09-05; Rosh Hashanah falls Sep 5-Oct 5.
        Algorithm::Hebrew => (
            5774,
            days_from_civil(2013, 9, 20),
            HEBREW_YEAR,
            MonthCount::Lunations,
            30,
        ),
        Algorithm::Coptic => (
            1730,
            days_from_civil(2013, 9, 11),
            JULIAN_YEAR,
            MonthCount::Fixed(13),
            30,
        ),
        Algorithm::Ethiopic => (
            2006,
            days_from_civil(2013, 9, 11),
            JULIAN_YEAR,
            MonthCount::Fixed(13),
            30,
        ),
        Algorithm::Indian => (
            1935,
            days_from_civil(2013, 3, 22),
            GREGORIAN_YEAR,
            MonthCount::Fixed(12),
            31,
        ),
        Algorithm::Persian => (
            1392,
            days_from_civil(2013, 3, 21),
            GREGORIAN_YEAR,
            MonthCount::Fixed(12),
            31,
        ),
        Algorithm::HijriCivil | Algorithm::HijriTbla | Algorithm::HijriUmmAlQura => (
            1435,
            days_from_civil(2013, 11, 4),
            HIJRI_YEAR,
            MonthCount::Fixed(12),
            30,
        ),
    };
    Shape {
        anchor_year,
        anchor_day,
        num,
        den,
        months,
        max_month,
    }
}

/// The process-wide year table of `algorithm`.
fn year_table(algorithm: Algorithm) -> &'static YearTable {
    static CHINESE: OnceLock<YearTable> = OnceLock::new();
    static DANGI: OnceLock<YearTable> = OnceLock::new();
    static HEBREW: OnceLock<YearTable> = OnceLock::new();
    static COPTIC: OnceLock<YearTable> = OnceLock::new();
    static ETHIOPIC: OnceLock<YearTable> = OnceLock::new();
    static INDIAN: OnceLock<YearTable> = OnceLock::new();
    static PERSIAN: OnceLock<YearTable> = OnceLock::new();
    static HIJRI_CIVIL: OnceLock<YearTable> = OnceLock::new();
    static HIJRI_TBLA: OnceLock<YearTable> = OnceLock::new();
    static HIJRI_UMM_AL_QURA: OnceLock<YearTable> = OnceLock::new();
    let cell = match algorithm {
        Algorithm::Chinese => &CHINESE,
        Algorithm::Dangi => &DANGI,
        Algorithm::Hebrew => &HEBREW,
        Algorithm::Coptic => &COPTIC,
        Algorithm::Ethiopic => &ETHIOPIC,
        Algorithm::Indian => &INDIAN,
        Algorithm::Persian => &PERSIAN,
        Algorithm::HijriCivil => &HIJRI_CIVIL,
        Algorithm::HijriTbla => &HIJRI_TBLA,
        Algorithm::HijriUmmAlQura => &HIJRI_UMM_AL_QURA,
    };
    cell.get_or_init(|| YearTable::new(shape(algorithm), Box::new(algorithm)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_resolves_and_aliases_agree() {
        for (name, canonical) in NAMES {
            assert_eq!(canonical_name(&name.to_ascii_uppercase()), Some(canonical));
            let sys = rscale_calendar(name).unwrap();
            let expected = if canonical == "iso8601" {
                "gregorian"
            } else {
                canonical
            };
            assert_eq!(sys.name(), expected, "{name}");
        }
        assert!(rscale_calendar("gregorian_").is_err());
        assert_eq!(
            rscale_calendar("x-foo").err().map(|e| e.kind()),
            Some(ErrorKind::UnsupportedCalendar)
        );
    }
}
