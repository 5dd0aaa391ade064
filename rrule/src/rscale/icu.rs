//! The bridge to ICU4X: computes [`YearInfo`]s with `icu_calendar`.
//!
//! Each algorithm is one ICU4X calendar. A year is read by converting its
//! first day and the first day of each of its months from a *rata die*
//! (`Date::from_rata_die`, which is total) and reading the ordinal month,
//! the month code and the month length; nothing is re-derived here.
//! Table years are ICU4X's extended years, except for the East Asian
//! calendars, whose table years are ICU4X's *related ISO* years (the
//! Gregorian year in which the calendar year starts).
//!
//! The East Asian calendars use ICU4X's official data for 1900–2100 (the
//! Purple Mountain and Hong Kong Observatory tables for Chinese, KASI for
//! Korean) and, for every other year, ICU4X's astronomical computation
//! under GB/T 33661-2017 (Korean time for Dangi) instead of the simplified
//! mean-moon calculation ICU4X applies by default outside its tables. That
//! is what ICU4C (and libical through it) does: it computes every year
//! astronomically. The astronomical computation costs about 0.4 ms a year,
//! paid once per [`CHUNK`] of years, on first use.

use core::convert::Infallible;

use icu_calendar::cal::east_asian_traditional::{
    China, EastAsianTraditional, EastAsianTraditionalYear, Korea, Rules,
};
use icu_calendar::cal::hijri::{TabularAlgorithmEpoch, TabularAlgorithmLeapYears};
use icu_calendar::cal::scaffold::UnstableSealed;
use icu_calendar::cal::{Coptic, Ethiopian, Hebrew, Hijri, Indian, Persian};
use icu_calendar::types::RataDie;
use icu_calendar::{AsCalendar, Date, Ref};

use super::table::{CHUNK, Shape, YearInfo, YearSource};

/// The rata die of 1970-01-01 (day number 0).
const RD_OF_DAY_ZERO: i64 = 719_163;

/// The related ISO years for which ICU4X ships official East Asian data
/// (documented by ICU4X for `ChineseTraditional` and `KoreanTraditional`).
const EAST_ASIAN_DATA_YEARS: core::ops::RangeInclusive<i32> = 1900..=2100;

/// The related ISO years for which the astronomical computation is used
/// outside the data: the range calendrical_calculations calls well behaved
/// (about ±10 000 years around year 0, minus a margin). Outside it ICU4X's
/// own simplified calculation is used; the engine never gets there.
const EAST_ASIAN_ASTRONOMICAL_YEARS: core::ops::RangeInclusive<i32> = -9_000..=9_990;

/// A calendar algorithm of ICU4X.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Algorithm {
    /// `chinese`: ICU4X `ChineseTraditional`, astronomical outside 1900–2100.
    Chinese,
    /// `dangi`: ICU4X `KoreanTraditional`, astronomical outside 1900–2100.
    Dangi,
    /// `hebrew`: ICU4X `Hebrew` (arithmetic).
    Hebrew,
    /// `coptic`: ICU4X `Coptic`.
    Coptic,
    /// `ethiopic` (and `ethioaa`, with another year number): ICU4X
    /// `Ethiopian`, Amete Mihret years.
    Ethiopic,
    /// `indian`: ICU4X `Indian` (Saka).
    Indian,
    /// `persian`: ICU4X `Persian`.
    Persian,
    /// `islamic-civil`: ICU4X `Hijri`, tabular, type II leap years, Friday
    /// epoch.
    HijriCivil,
    /// `islamic-tbla`: ICU4X `Hijri`, tabular, type II leap years, Thursday
    /// (astronomical) epoch.
    HijriTbla,
    /// `islamic-umalqura`: ICU4X `Hijri` with the Umm al-Qura rules.
    HijriUmmAlQura,
}

impl YearSource for Algorithm {
    fn fill(&self, shape: &Shape, first: i32, out: &mut [YearInfo; CHUNK]) {
        match self {
            Algorithm::Chinese | Algorithm::Dangi => {
                let rules = Memo::new(*self == Algorithm::Dangi, first);
                let cal = EastAsianTraditional(rules);
                fill_years(Ref(&cal), shape, first, out);
            }
            Algorithm::Hebrew => fill_years(Ref(&Hebrew), shape, first, out),
            Algorithm::Coptic => fill_years(Ref(&Coptic), shape, first, out),
            Algorithm::Ethiopic => fill_years(Ref(&Ethiopian::new()), shape, first, out),
            Algorithm::Indian => fill_years(Ref(&Indian), shape, first, out),
            Algorithm::Persian => fill_years(Ref(&Persian), shape, first, out),
            Algorithm::HijriCivil => {
                let cal = Hijri::new_tabular(
                    TabularAlgorithmLeapYears::TypeII,
                    TabularAlgorithmEpoch::Friday,
                );
                fill_years(Ref(&cal), shape, first, out);
            }
            Algorithm::HijriTbla => {
                let cal = Hijri::new_tabular(
                    TabularAlgorithmLeapYears::TypeII,
                    TabularAlgorithmEpoch::Thursday,
                );
                fill_years(Ref(&cal), shape, first, out);
            }
            Algorithm::HijriUmmAlQura => {
                fill_years(Ref(&Hijri::new_umm_al_qura()), shape, first, out)
            }
        }
    }
}

/// The East Asian year of related ISO year `related_iso`: ICU4X's data
/// where it has it, the astronomical GB/T 33661-2017 computation elsewhere
/// (see the module documentation).
fn east_asian_year(korea: bool, related_iso: i32) -> EastAsianTraditionalYear {
    if EAST_ASIAN_DATA_YEARS.contains(&related_iso)
        || !EAST_ASIAN_ASTRONOMICAL_YEARS.contains(&related_iso)
    {
        if korea {
            Korea::default().year(related_iso)
        } else {
            China::default().year(related_iso)
        }
    } else if korea {
        Korea::adapted_gb_t_33661_2017(related_iso)
    } else {
        China::gb_t_33661_2017(related_iso)
    }
}

/// East Asian rules that compute the years of one chunk (and one year on
/// either side) once: ICU4X asks its rules for a year on every conversion,
/// and the astronomical computation is expensive.
#[derive(Debug, Clone)]
struct Memo {
    korea: bool,
    first: i32,
    years: Vec<EastAsianTraditionalYear>,
}

impl Memo {
    fn new(korea: bool, first_related_iso: i32) -> Memo {
        let first = first_related_iso.saturating_sub(1);
        let last = first_related_iso.saturating_add(CHUNK as i32);
        let years = (first..=last).map(|y| east_asian_year(korea, y)).collect();
        Memo {
            korea,
            first,
            years,
        }
    }
}

impl UnstableSealed for Memo {}

impl Rules for Memo {
    fn year(&self, related_iso: i32) -> EastAsianTraditionalYear {
        let slot = related_iso
            .checked_sub(self.first)
            .and_then(|i| usize::try_from(i).ok());
        match slot.and_then(|i| self.years.get(i)) {
            Some(year) => *year,
            None => east_asian_year(self.korea, related_iso),
        }
    }

    type DateCompatibilityError = Infallible;

    fn check_date_compatibility(&self, _other: &Self) -> Result<(), Infallible> {
        Ok(())
    }

    fn debug_name(&self) -> &'static str {
        if self.korea {
            "Dangi (kalends RSCALE)"
        } else {
            "Chinese (kalends RSCALE)"
        }
    }
}

/// The ICU4X date of day number `day`.
fn date_at<A: AsCalendar>(cal: A, day: i64) -> Date<A> {
    Date::from_rata_die(RataDie::new(day.saturating_add(RD_OF_DAY_ZERO)), cal)
}

/// The table year of an ICU4X date.
fn table_year<A: AsCalendar>(date: &Date<A>) -> i32 {
    date.year().extended_year()
}

/// The first day of table year `year`, found from the shape's estimate.
fn find_year_start<A: AsCalendar + Copy>(cal: A, shape: &Shape, year: i32) -> Option<i64> {
    let mut day = shape.middle_of(year);
    for _ in 0..16 {
        let date = date_at(cal, day);
        let found = table_year(&date);
        if found == year {
            return Some(day - i64::from(date.day_of_year().0) + 1);
        }
        let step = (i64::from(year) - i64::from(found)).saturating_mul(shape.mean_days());
        day = day.saturating_add(step);
    }
    None
}

/// Reads table year `year`, whose first day is `start`, from ICU4X.
/// `None` if ICU4X disagrees with the expected structure.
fn read_year<A: AsCalendar + Copy>(cal: A, year: i32, start: i64) -> Option<YearInfo> {
    let first = date_at(cal, start);
    if table_year(&first) != year || first.day_of_year().0 != 1 {
        return None;
    }
    let months = first.months_in_year();
    if !(1..=13).contains(&months) {
        return None;
    }
    let mut ends = [0u16; 13];
    let mut leap = 0u8;
    let mut total = 0u16;
    for (ordinal, end) in (1u8..).zip(ends.iter_mut().take(usize::from(months))) {
        let date = date_at(cal, start + i64::from(total));
        let month = date.month();
        if month.ordinal != ordinal || date.day_of_month().0 != 1 || table_year(&date) != year {
            return None;
        }
        if month.to_input().is_leap() {
            leap = ordinal;
        }
        let len = date.days_in_month();
        if !(1..=31).contains(&len) {
            return None;
        }
        total += u16::from(len);
        *end = total;
    }
    // A leap month must follow a regular month, and only one is allowed.
    if leap == 1 || (leap != 0 && months != 13) {
        return None;
    }
    Some(YearInfo {
        start: i32::try_from(start).ok()?,
        ends,
        months,
        leap,
    })
}

/// Fills `out` with table years `first`, `first + 1`, … read from ICU4X.
/// Should ICU4X give an inconsistent year, a synthetic one takes its place
/// so the table stays gap-free (see [`YearInfo::synthetic`]).
fn fill_years<A: AsCalendar + Copy>(
    cal: A,
    shape: &Shape,
    first: i32,
    out: &mut [YearInfo; CHUNK],
) {
    let mut start = find_year_start(cal, shape, first).unwrap_or_else(|| shape.middle_of(first));
    for (year, slot) in (first..).zip(out.iter_mut()) {
        *slot = read_year(cal, year, start)
            .unwrap_or_else(|| YearInfo::synthetic(i32::try_from(start).unwrap_or(0)));
        start = slot.end();
    }
}
