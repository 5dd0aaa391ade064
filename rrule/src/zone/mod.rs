//! Time zones: UTC, floating, fixed offsets, IANA zones from jiff's bundled
//! database, and zones compiled from a VTIMEZONE; TZID resolution with the
//! aliases real calendars use.
//!
//! Local times are seconds since 1970-01-01T00:00:00 of the wall clock;
//! instants are seconds since the Unix epoch. A local time in a gap or an
//! overlap resolves as RFC 5545 §3.3.5 says: in a gap with the offset before
//! the gap (so 02:30 in a one-hour spring-forward gap is 03:30 after it), in
//! an overlap to the first occurrence.
//!
//! ```
//! use kalends_rrule::zone::{LocalKind, Zone};
//!
//! let ny = Zone::resolve("(UTC-05:00) Eastern Time (US & Canada)")?;
//! assert_eq!(ny.name(), Some("America/New_York"));
//! // 2024-03-10T02:30 does not exist in New York.
//! let local = 1_710_037_800; // 2024-03-10T02:30:00 as local seconds
//! let r = ny.resolve_local(local);
//! assert_eq!(r.kind, LocalKind::Gap);
//! assert_eq!(r.utc, local + 5 * 3600); // read with EST, the offset before the gap
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod vtimezone;
mod windows_data;

use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use jiff::Timestamp;
use jiff::tz::{TimeZone, TimeZoneDatabase};

use crate::error::{Error, ErrorKind, quote};

pub use vtimezone::{Observance, ObservanceKind, VTimeZone};

/// One change of UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Transition {
    /// The instant of the change, seconds since the epoch.
    pub at: i64,
    /// The offset in use before it.
    pub before: i32,
    /// The offset in use from it on.
    pub after: i32,
}

/// How a local time maps to instants in a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LocalKind {
    /// Exactly one instant has this local time.
    Unique,
    /// Two instants have it (the clock was set back); the first was chosen.
    Fold,
    /// No instant has it (the clock was set forward); the offset before the
    /// gap was used, as RFC 5545 §3.3.5 says.
    Gap,
}

/// A local time resolved in a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Resolved {
    /// The instant, seconds since the epoch.
    pub utc: i64,
    /// The UTC offset in effect at that instant, in seconds east of UTC.
    pub offset: i32,
    /// Whether the local time was unique, repeated or nonexistent.
    pub kind: LocalKind,
}

/// A time zone.
///
/// Cheap to clone: IANA zones and compiled VTIMEZONEs are shared, with their
/// tables of transitions (one per century, each built on first use).
#[derive(Clone)]
pub struct Zone {
    kind: Kind,
}

#[derive(Clone)]
enum Kind {
    Utc,
    Floating,
    Fixed(i32),
    Tz(Arc<TzData>),
}

/// A zone with transitions: its source and its transition tables, one per
/// century, each built on first use.
struct TzData {
    name: Arc<str>,
    source: Source,
    tables: Vec<OnceLock<Table>>,
}

enum Source {
    Iana(TimeZone),
    Compiled(VTimeZone),
}

/// The transitions of a zone between two instants, with the local-time
/// windows (gaps and overlaps) they open, for binary search.
struct Table {
    /// The instants covered: `[lo, hi)`.
    lo: i64,
    hi: i64,
    /// The offset before the first transition.
    initial: i32,
    at: Vec<i64>,
    before: Vec<i32>,
    after: Vec<i32>,
    /// Local start of each transition's window: `at + min(before, after)`.
    win_lo: Vec<i64>,
    /// Local end of each transition's window: `at + max(before, after)`.
    win_hi: Vec<i64>,
}

/// The tables cover the instants from `TABLES_START` (0000-01-01T00:00Z)
/// in chunks of `CHUNK` seconds (about a century) up to the year 10000.
const TABLES_START: i64 = -62_167_219_200;
const CHUNK: i64 = 3_155_695_200;
const CHUNKS: usize = 101;
/// The most transitions one table holds.
const TABLE_MAX: usize = 5_000;

impl Table {
    fn build(data: &TzData, chunk: usize) -> Table {
        let lo = TABLES_START + CHUNK * chunk as i64;
        let end = lo + CHUNK;
        let initial = data
            .prev_transition(lo)
            .map_or_else(|| data.offset_at_direct(lo), |t| t.after);
        let list: Vec<Transition> = match &data.source {
            Source::Compiled(v) => v.transitions_between(lo, end, TABLE_MAX),
            Source::Iana(_) => {
                let mut list = Vec::new();
                let mut cursor = lo;
                while list.len() < TABLE_MAX {
                    match data.next_transition(cursor) {
                        Some(t) if t.at < end => {
                            cursor = t.at;
                            list.push(t);
                        }
                        _ => break,
                    }
                }
                list
            }
        };
        let hi = if list.len() >= TABLE_MAX {
            list.last().map_or(end, |t| t.at)
        } else {
            end
        };
        Table {
            lo,
            hi,
            initial,
            at: list.iter().map(|t| t.at).collect(),
            before: list.iter().map(|t| t.before).collect(),
            after: list.iter().map(|t| t.after).collect(),
            win_lo: list
                .iter()
                .map(|t| t.at + i64::from(t.before.min(t.after)))
                .collect(),
            win_hi: list
                .iter()
                .map(|t| t.at + i64::from(t.before.max(t.after)))
                .collect(),
        }
    }

    /// True when the table decides instant `utc`.
    fn covers(&self, utc: i64) -> bool {
        utc >= self.lo && utc < self.hi
    }

    /// True when the table decides local time `local` (every offset lies
    /// within [`OFFSET_MARGIN`]).
    fn covers_local(&self, local: i64) -> bool {
        local >= self.lo.saturating_add(OFFSET_MARGIN)
            && local < self.hi.saturating_sub(OFFSET_MARGIN)
    }

    fn offset_at(&self, utc: i64) -> i32 {
        self.offset_range(utc).0
    }

    /// The offset at `utc` and the instants `[lo, hi)` it holds for.
    fn offset_range(&self, utc: i64) -> (i32, i64, i64) {
        let i = self.at.partition_point(|&a| a <= utc);
        let prev = i.checked_sub(1);
        let offset = prev
            .and_then(|j| self.after.get(j))
            .copied()
            .unwrap_or(self.initial);
        let lo = prev
            .and_then(|j| self.at.get(j))
            .copied()
            .unwrap_or(self.lo);
        let hi = self.at.get(i).copied().unwrap_or(self.hi);
        (offset, lo, hi)
    }

    /// Resolves `local` and returns the local range `[lo, hi)` in which its
    /// offset gives unique answers (empty for gaps and folds).
    fn resolve(&self, local: i64) -> (Resolved, i64, i64) {
        let i = self.win_lo.partition_point(|&w| w <= local);
        let range_end = |k: usize| -> i64 {
            self.win_lo
                .get(k)
                .copied()
                .unwrap_or_else(|| self.hi.saturating_sub(OFFSET_MARGIN))
        };
        let Some(t) = i.checked_sub(1) else {
            let o = self.initial;
            let r = Resolved {
                utc: local - i64::from(o),
                offset: o,
                kind: LocalKind::Unique,
            };
            return (r, self.lo.saturating_add(OFFSET_MARGIN), range_end(0));
        };
        let before = self.before.get(t).copied().unwrap_or(self.initial);
        let after = self.after.get(t).copied().unwrap_or(before);
        let win_hi = self.win_hi.get(t).copied().unwrap_or(local);
        if local < win_hi {
            let kind = if after > before {
                LocalKind::Gap
            } else {
                LocalKind::Fold
            };
            let offset = if kind == LocalKind::Gap {
                after
            } else {
                before
            };
            return (
                Resolved {
                    utc: local - i64::from(before),
                    offset,
                    kind,
                },
                0,
                0,
            );
        }
        (
            Resolved {
                utc: local - i64::from(after),
                offset: after,
                kind: LocalKind::Unique,
            },
            win_hi,
            range_end(i),
        )
    }
}

impl TzData {
    fn new(name: Arc<str>, source: Source) -> TzData {
        TzData {
            name,
            source,
            tables: (0..CHUNKS).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The table of the chunk holding instant (or local time) `t`.
    fn table(&self, t: i64) -> Option<&Table> {
        let chunk = usize::try_from(t.checked_sub(TABLES_START)?.div_euclid(CHUNK)).ok()?;
        let cell = self.tables.get(chunk)?;
        Some(cell.get_or_init(|| Table::build(self, chunk)))
    }

    fn offset_at_direct(&self, utc: i64) -> i32 {
        match &self.source {
            Source::Iana(tz) => tz.to_offset(timestamp(utc)).seconds(),
            Source::Compiled(v) => v.offset_at(utc),
        }
    }

    fn offset_at(&self, utc: i64) -> i32 {
        match self.table(utc) {
            Some(table) if table.covers(utc) => table.offset_at(utc),
            _ => self.offset_at_direct(utc),
        }
    }

    /// The offset at `utc` and the instants it holds for (a single instant
    /// outside the tables).
    fn offset_range(&self, utc: i64) -> (i32, i64, i64) {
        match self.table(utc) {
            Some(table) if table.covers(utc) => table.offset_range(utc),
            _ => (self.offset_at_direct(utc), utc, utc.saturating_add(1)),
        }
    }

    fn prev_transition(&self, utc: i64) -> Option<Transition> {
        match &self.source {
            Source::Iana(tz) => {
                let t = tz.preceding(timestamp(utc.saturating_add(1))).next()?;
                let at = t.timestamp().as_second();
                let before = tz.to_offset(timestamp(at - 1)).seconds();
                Some(Transition {
                    at,
                    before,
                    after: t.offset().seconds(),
                })
            }
            Source::Compiled(v) => v.prev_transition(utc),
        }
    }

    fn next_transition(&self, utc: i64) -> Option<Transition> {
        match &self.source {
            Source::Iana(tz) => {
                let t = tz.following(timestamp(utc)).next()?;
                let at = t.timestamp().as_second();
                let before = tz.to_offset(timestamp(at - 1)).seconds();
                Some(Transition {
                    at,
                    before,
                    after: t.offset().seconds(),
                })
            }
            Source::Compiled(v) => v.next_transition(utc),
        }
    }

    /// Resolves `local` with the table when it covers it, else from the
    /// zone's rules.
    fn resolve(&self, local: i64) -> (Resolved, i64, i64) {
        match self.table(local) {
            Some(table) if table.covers_local(local) => table.resolve(local),
            _ => resolve_slow(self, local),
        }
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Utc => f.write_str("Zone(UTC)"),
            Kind::Floating => f.write_str("Zone(floating)"),
            Kind::Fixed(o) => write!(f, "Zone({o:+}s)"),
            Kind::Tz(d) => write!(f, "Zone({})", d.name),
        }
    }
}

/// jiff's bundled IANA database, independent of the host's zoneinfo.
fn database() -> &'static TimeZoneDatabase {
    static DB: OnceLock<TimeZoneDatabase> = OnceLock::new();
    DB.get_or_init(TimeZoneDatabase::bundled)
}

/// IANA zones already looked up, by the name asked for (lower case), so
/// their transition tables are built once per process.
type ZoneCache = Mutex<Vec<(String, Arc<TzData>)>>;

fn iana_cache() -> &'static ZoneCache {
    static CACHE: OnceLock<ZoneCache> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(Vec::new()))
}

fn timestamp(seconds: i64) -> Timestamp {
    let clamped = seconds.clamp(Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
    Timestamp::from_second(clamped).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// A wide margin around a local time within which every offset lies.
const OFFSET_MARGIN: i64 = 26 * 3600;

impl Zone {
    /// UTC.
    pub fn utc() -> Zone {
        Zone { kind: Kind::Utc }
    }

    /// Floating time (RFC 5545 §3.3.5 form #1): local time in whatever zone
    /// the reader is in. Its instants are computed as if it were UTC.
    pub fn floating() -> Zone {
        Zone {
            kind: Kind::Floating,
        }
    }

    /// A fixed offset of `seconds` east of UTC (less than a day either way).
    pub fn fixed(seconds: i32) -> Result<Zone, Error> {
        if seconds.unsigned_abs() >= 86_400 {
            return Err(Error::new(
                ErrorKind::InvalidZone,
                format!("a UTC offset must be less than a day, not `{seconds}` seconds."),
            ));
        }
        Ok(if seconds == 0 {
            Zone::utc()
        } else {
            Zone {
                kind: Kind::Fixed(seconds),
            }
        })
    }

    /// The IANA zone `name` from jiff's bundled database (case-insensitive).
    /// Fails with [`ErrorKind::UnknownZone`]; for aliases use
    /// [`Zone::resolve`]. Zones are cached for the life of the process.
    pub fn iana(name: &str) -> Result<Zone, Error> {
        let key = name.to_ascii_lowercase();
        if let Ok(cache) = iana_cache().lock()
            && let Some((_, d)) = cache.iter().find(|(k, _)| *k == key)
        {
            return Ok(Zone {
                kind: Kind::Tz(Arc::clone(d)),
            });
        }
        let tz = database().get(name).map_err(|_| unknown_zone(name))?;
        let canonical: Arc<str> = Arc::from(tz.iana_name().unwrap_or(name));
        let data = Arc::new(TzData::new(canonical, Source::Iana(tz)));
        if let Ok(mut cache) = iana_cache().lock() {
            cache.push((key, Arc::clone(&data)));
        }
        Ok(Zone {
            kind: Kind::Tz(data),
        })
    }

    /// A zone from a jiff [`TimeZone`] (for example one read from the host).
    pub fn from_jiff(tz: TimeZone) -> Zone {
        let name: Arc<str> = Arc::from(tz.iana_name().unwrap_or("jiff"));
        Zone {
            kind: Kind::Tz(Arc::new(TzData::new(name, Source::Iana(tz)))),
        }
    }

    /// A zone compiled from a VTIMEZONE.
    pub fn from_vtimezone(vtz: VTimeZone) -> Zone {
        let name: Arc<str> = Arc::from(vtz.tzid());
        Zone {
            kind: Kind::Tz(Arc::new(TzData::new(name, Source::Compiled(vtz)))),
        }
    }

    /// Resolves a TZID that is not defined by the calendar itself: an IANA
    /// name (case-insensitive), a Windows zone ID (`Eastern Standard Time`),
    /// an Outlook/Exchange display name
    /// (`(UTC-05:00) Eastern Time (US & Canada)`, also with `GMT`), a name
    /// behind a vendor prefix (`/mozilla.org/20050126_1/America/New_York`,
    /// `/softwarestudio.org/Olson_20011030_5/America/New_York`), `UTC`,
    /// `GMT`, `Z`, or a bare offset (`UTC+01:00`, `GMT-5`). Windows names map
    /// to the IANA zone CLDR's windowsZones gives for the world (`001`).
    ///
    /// An unknown TZID fails with [`ErrorKind::UnknownZone`]; there is no
    /// silent fallback to UTC or to the host's zone. A calendar's own
    /// VTIMEZONE definitions take precedence (RFC 5545 §3.2.19); see
    /// [`ZoneResolver`].
    pub fn resolve(tzid: &str) -> Result<Zone, Error> {
        resolve_alias(tzid).ok_or_else(|| unknown_zone(tzid))
    }

    /// The IANA name or the VTIMEZONE's TZID; `None` for UTC, floating and
    /// fixed offsets.
    pub fn name(&self) -> Option<&str> {
        match &self.kind {
            Kind::Tz(d) => Some(&d.name),
            _ => None,
        }
    }

    /// True for floating time.
    pub fn is_floating(&self) -> bool {
        matches!(self.kind, Kind::Floating)
    }

    /// True for UTC.
    pub fn is_utc(&self) -> bool {
        matches!(self.kind, Kind::Utc)
    }

    /// True for zones whose offset can change (IANA and VTIMEZONE zones).
    pub fn has_transitions(&self) -> bool {
        matches!(self.kind, Kind::Tz(_))
    }

    /// The UTC offset in seconds at instant `utc` (seconds since the epoch).
    pub fn offset_at(&self, utc: i64) -> i32 {
        match &self.kind {
            Kind::Utc | Kind::Floating => 0,
            Kind::Fixed(o) => *o,
            Kind::Tz(d) => d.offset_at(utc),
        }
    }

    /// The local time (seconds of the wall clock since 1970-01-01T00:00) at
    /// instant `utc`.
    pub fn to_local(&self, utc: i64) -> i64 {
        utc.saturating_add(i64::from(self.offset_at(utc)))
    }

    /// The instant of local time `local`, following RFC 5545 §3.3.5 in gaps
    /// and overlaps.
    pub fn resolve_local(&self, local: i64) -> Resolved {
        // Far beyond any calendar date, but safe from overflow below.
        let local = local.clamp(-(1 << 52), 1 << 52);
        match &self.kind {
            Kind::Utc | Kind::Floating => Resolved {
                utc: local,
                offset: 0,
                kind: LocalKind::Unique,
            },
            Kind::Fixed(o) => Resolved {
                utc: local - i64::from(*o),
                offset: *o,
                kind: LocalKind::Unique,
            },
            Kind::Tz(d) => d.resolve(local).0,
        }
    }
}

fn unknown_zone(tzid: &str) -> Error {
    Error::new(
        ErrorKind::UnknownZone,
        format!(
            "the TZID {} names no time zone: it is not a VTIMEZONE of the calendar, not an IANA name and not a known alias.",
            quote(tzid)
        ),
    )
}

/// Resolves `local` against the transitions near it, asking the zone's
/// rules (outside the table's years). Returns the result and the local
/// range `[lo, hi)` in which the same offset gives unique answers, for
/// caching; the range is empty for gaps and folds.
fn resolve_slow(zone: &TzData, local: i64) -> (Resolved, i64, i64) {
    // Transitions that can matter lie within a day or so of `local`.
    let mut list: Vec<Transition> = Vec::with_capacity(4);
    let mut cursor = match zone.prev_transition(local - OFFSET_MARGIN) {
        Some(t) => {
            list.push(t);
            t.at
        }
        None => local - OFFSET_MARGIN,
    };
    while list.len() < 8 {
        match zone.next_transition(cursor) {
            Some(t) if t.at <= local + OFFSET_MARGIN => {
                list.push(t);
                cursor = t.at;
            }
            _ => break,
        }
    }
    // Interval j: [T_j, T_{j+1}) with offset o_j; T_0 = -inf.
    let o0 = match list.first() {
        Some(t) => t.before,
        None => zone.offset_at_direct(local),
    };
    let offset_of = |j: usize| -> i32 {
        if j == 0 {
            o0
        } else {
            list.get(j - 1).map_or(o0, |t| t.after)
        }
    };
    let start_of = |j: usize| -> i64 {
        if j == 0 {
            i64::MIN
        } else {
            list.get(j - 1).map_or(i64::MIN, |t| t.at)
        }
    };
    let end_of = |j: usize| -> Option<i64> { list.get(j).map(|t| t.at) };
    let count = list.len() + 1;
    let mut found: Option<usize> = None;
    let mut second = false;
    for j in 0..count {
        let u = local - i64::from(offset_of(j));
        let in_j = u >= start_of(j) && end_of(j).is_none_or(|e| u < e);
        if in_j {
            if found.is_none() {
                found = Some(j);
            } else {
                second = true;
            }
        }
    }
    if let Some(j) = found {
        let o = offset_of(j);
        let utc = local - i64::from(o);
        let lo = if j == 0 {
            i64::MIN
        } else {
            let prev = offset_of(j - 1);
            start_of(j).saturating_add(i64::from(o.max(prev)))
        };
        // Up to the next transition, and short of a following overlap, so
        // that folds always take this path and are reported as folds.
        let hi = match end_of(j) {
            Some(e) => e.saturating_add(i64::from(o.min(offset_of(j + 1)))),
            None => match zone.next_transition(cursor.max(local + OFFSET_MARGIN)) {
                Some(t) => t.at.saturating_add(i64::from(o.min(t.after))),
                None => i64::MAX,
            },
        };
        let kind = if second {
            LocalKind::Fold
        } else {
            LocalKind::Unique
        };
        let (lo, hi) = if second { (0, 0) } else { (lo, hi) };
        return (
            Resolved {
                utc,
                offset: o,
                kind,
            },
            lo,
            hi,
        );
    }
    // A gap: the local time lies after interval j ends and before j+1 starts.
    for j in 0..count.saturating_sub(1) {
        let before = offset_of(j);
        let after = offset_of(j + 1);
        let Some(t) = end_of(j) else { continue };
        let lb = t.saturating_add(i64::from(before));
        let la = t.saturating_add(i64::from(after));
        if local >= lb && local < la {
            return (
                Resolved {
                    utc: local - i64::from(before),
                    offset: after,
                    kind: LocalKind::Gap,
                },
                0,
                0,
            );
        }
    }
    let o = zone.offset_at_direct(local);
    (
        Resolved {
            utc: local - i64::from(o),
            offset: o,
            kind: LocalKind::Unique,
        },
        0,
        0,
    )
}

/// Resolves local times in one zone with a cache of the current offset
/// interval, so that consecutive instances cost a comparison each.
pub(crate) struct ZoneCursor {
    data: Option<Arc<TzData>>,
    lo: i64,
    hi: i64,
    offset: i32,
    simple: i32,
    /// The instants `[ulo, uhi)` in which the offset is `uoffset`.
    ulo: i64,
    uhi: i64,
    uoffset: i32,
}

impl ZoneCursor {
    pub(crate) fn new(zone: &Zone) -> ZoneCursor {
        let (data, simple) = match &zone.kind {
            Kind::Utc | Kind::Floating => (None, 0),
            Kind::Fixed(o) => (None, *o),
            Kind::Tz(d) => (Some(Arc::clone(d)), 0),
        };
        ZoneCursor {
            data,
            lo: 1,
            hi: 0,
            offset: 0,
            simple,
            ulo: 1,
            uhi: 0,
            uoffset: 0,
        }
    }

    /// The offset at instant `utc`, cached like [`ZoneCursor::resolve`].
    #[inline]
    pub(crate) fn offset_at(&mut self, utc: i64) -> i32 {
        let Some(data) = &self.data else {
            return self.simple;
        };
        if utc >= self.ulo && utc < self.uhi {
            return self.uoffset;
        }
        let (offset, lo, hi) = data.offset_range(utc);
        self.ulo = lo;
        self.uhi = hi;
        self.uoffset = offset;
        offset
    }

    /// `(utc, offset)` of `local` when the cache (or a zone
    /// without transitions) answers it uniquely; `None` otherwise.
    #[inline(always)]
    pub(crate) fn resolve_cached(&self, local: i64) -> Option<(i64, i32)> {
        match &self.data {
            None => Some((local - i64::from(self.simple), self.simple)),
            Some(_) => (local >= self.lo && local < self.hi)
                .then(|| (local - i64::from(self.offset), self.offset)),
        }
    }

    #[inline]
    pub(crate) fn resolve(&mut self, local: i64) -> Resolved {
        let Some(data) = &self.data else {
            return Resolved {
                utc: local - i64::from(self.simple),
                offset: self.simple,
                kind: LocalKind::Unique,
            };
        };
        if local >= self.lo && local < self.hi {
            return Resolved {
                utc: local - i64::from(self.offset),
                offset: self.offset,
                kind: LocalKind::Unique,
            };
        }
        let (r, lo, hi) = data.resolve(local);
        if lo < hi {
            self.lo = lo;
            self.hi = hi;
            self.offset = r.offset;
        }
        r
    }
}

// ----------------------------------------------------------------------
// TZID aliases.

/// Strips an Outlook-style `(UTC+01:00) ` or `(GMT-05:00) ` or `(UTC) `
/// prefix.
fn strip_display_prefix(s: &str) -> Option<&str> {
    let rest = s.strip_prefix('(')?;
    let close = rest.find(')')?;
    let inner = rest.get(..close)?;
    let upper = inner.get(..3)?;
    if !upper.eq_ignore_ascii_case("UTC") && !upper.eq_ignore_ascii_case("GMT") {
        return None;
    }
    Some(rest.get(close + 1..)?.trim())
}

/// Parses `UTC`, `GMT`, `Z`, `UTC+1`, `GMT-05:00`, `UTC+0530` as an offset.
fn parse_offset_name(s: &str) -> Option<i32> {
    if s.eq_ignore_ascii_case("Z") {
        return Some(0);
    }
    let head = s.get(..3)?;
    if !head.eq_ignore_ascii_case("UTC") && !head.eq_ignore_ascii_case("GMT") {
        return None;
    }
    let rest = s.get(3..)?.trim();
    if rest.is_empty() {
        return Some(0);
    }
    let (sign, digits) = match rest.as_bytes().first()? {
        b'+' => (1, rest.get(1..)?),
        b'-' => (-1, rest.get(1..)?),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = if digits.len() <= 2 {
        (digits.parse::<i32>().ok()?, 0)
    } else {
        let split = digits.len() - 2;
        (
            digits.get(..split)?.parse::<i32>().ok()?,
            digits.get(split..)?.parse::<i32>().ok()?,
        )
    };
    if h > 23 || m > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60))
}

fn windows_lookup(name: &str) -> Option<&'static str> {
    windows_data::WINDOWS_ZONES
        .iter()
        .find(|(id, _, display)| {
            id.eq_ignore_ascii_case(name) || display.eq_ignore_ascii_case(name)
        })
        .map(|(_, iana, _)| *iana)
}

fn resolve_alias(tzid: &str) -> Option<Zone> {
    let s = tzid.trim().trim_matches('"').trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(z) = Zone::iana(s) {
        return Some(z);
    }
    if let Some(iana) = windows_lookup(s) {
        return Zone::iana(iana).ok();
    }
    if let Some(rest) = strip_display_prefix(s) {
        if let Some(iana) = windows_lookup(rest) {
            return Zone::iana(iana).ok();
        }
        if let Ok(z) = Zone::iana(rest) {
            return Some(z);
        }
        if rest.is_empty()
            && let Some(inner) = s.get(1..s.find(')')?)
        {
            return parse_offset_name(inner).and_then(|o| Zone::fixed(o).ok());
        }
    }
    if let Some(o) = parse_offset_name(s) {
        return Zone::fixed(o).ok();
    }
    // Vendor prefixes: try every suffix that starts after a '/'.
    for (i, _) in s.match_indices('/') {
        let Some(suffix) = s.get(i + 1..) else {
            continue;
        };
        if suffix.is_empty() {
            continue;
        }
        if let Ok(z) = Zone::iana(suffix) {
            return Some(z);
        }
    }
    None
}

/// Resolves TZIDs for one calendar: its own VTIMEZONE definitions first
/// (RFC 5545 §3.2.19), then [`Zone::resolve`].
#[derive(Debug, Clone, Default)]
pub struct ZoneResolver {
    defined: Vec<(String, Zone)>,
    broken: Vec<(String, Error)>,
    prefer_iana: bool,
}

impl ZoneResolver {
    /// A resolver without calendar-defined zones.
    pub fn new() -> ZoneResolver {
        ZoneResolver::default()
    }

    /// A resolver for `calendar`: every VTIMEZONE among its sub-components
    /// is compiled and defined under its TZID. A VTIMEZONE that cannot be
    /// compiled makes its TZID fail with that error when it is resolved.
    pub fn from_calendar(calendar: &kalends_ical_core::Component<'_>) -> ZoneResolver {
        let mut r = ZoneResolver::new();
        for c in calendar.components_named("VTIMEZONE") {
            let Some(tzid) = c.property("TZID").map(|p| p.value().to_owned()) else {
                continue;
            };
            match VTimeZone::from_component(c) {
                Ok(v) => r.define(tzid, Zone::from_vtimezone(v)),
                Err(e) => r.broken.push((tzid, e)),
            }
        }
        r
    }

    /// Adds a zone the calendar defines under `tzid` (exact match, as RFC
    /// 5545 §3.2.19 compares TZIDs).
    pub fn define(&mut self, tzid: impl Into<String>, zone: Zone) {
        self.defined.push((tzid.into(), zone));
    }

    /// Prefer an IANA zone of the same name over the calendar's own
    /// VTIMEZONE (a named quirk option for calendars whose VTIMEZONEs are
    /// known to be stale; off by default, as RFC 5545 §3.2.19 requires the
    /// calendar's definition).
    pub fn prefer_iana(&mut self, yes: bool) {
        self.prefer_iana = yes;
    }

    /// The zone `tzid` names.
    pub fn resolve(&self, tzid: &str) -> Result<Zone, Error> {
        if self.prefer_iana
            && let Ok(z) = Zone::iana(tzid.trim())
        {
            return Ok(z);
        }
        if let Some((_, z)) = self.defined.iter().find(|(id, _)| id == tzid) {
            return Ok(z.clone());
        }
        match Zone::resolve(tzid) {
            Ok(z) => Ok(z),
            Err(e) => Err(self
                .broken
                .iter()
                .find(|(id, _)| id == tzid)
                .map_or(e, |(_, b)| b.clone())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::days_from_civil;

    fn local(y: i32, m: u8, d: u8, h: i64, mi: i64) -> i64 {
        days_from_civil(y, m, d) * 86_400 + h * 3600 + mi * 60
    }

    #[test]
    fn aliases_resolve() {
        for (tzid, want) in [
            ("America/New_York", "America/New_York"),
            ("america/new_york", "America/New_York"),
            ("Eastern Standard Time", "America/New_York"),
            ("(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"),
            ("(GMT-05:00) Eastern Time (US & Canada)", "America/New_York"),
            (
                "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
                "Europe/Berlin",
            ),
            ("W. Europe Standard Time", "Europe/Berlin"),
            (
                "/mozilla.org/20050126_1/America/New_York",
                "America/New_York",
            ),
            (
                "/softwarestudio.org/Olson_20011030_5/America/New_York",
                "America/New_York",
            ),
            ("/citadel.org/20190914_1/Europe/Berlin", "Europe/Berlin"),
            ("\"Europe/Paris\"", "Europe/Paris"),
        ] {
            let z = Zone::resolve(tzid).unwrap_or_else(|e| panic!("{tzid}: {e}"));
            assert_eq!(z.name(), Some(want), "{tzid}");
        }
        assert!(Zone::resolve("UTC").is_ok());
        assert_eq!(
            Zone::resolve("GMT+01:00").map(|z| z.offset_at(0)).ok(),
            Some(3600)
        );
        assert_eq!(
            Zone::resolve("UTC-0530").map(|z| z.offset_at(0)).ok(),
            Some(-19_800)
        );
        let e = Zone::resolve("Mars/Olympus_Mons").unwrap_err();
        assert!(e.is_unknown_zone());
        assert!(e.message().contains("`Mars/Olympus_Mons`"));
    }

    #[test]
    fn every_windows_zone_maps_to_a_bundled_zone() {
        for (id, iana, display) in windows_data::WINDOWS_ZONES {
            assert!(Zone::iana(iana).is_ok(), "{id} -> {iana}");
            assert!(Zone::resolve(display).is_ok(), "{display}");
        }
    }

    #[test]
    fn gaps_and_folds_in_new_york() {
        let ny = Zone::iana("America/New_York").unwrap();
        // Spring forward 2024-03-10 02:00 EST -> 03:00 EDT.
        let gap = ny.resolve_local(local(2024, 3, 10, 2, 30));
        assert_eq!(gap.kind, LocalKind::Gap);
        assert_eq!(gap.utc, local(2024, 3, 10, 7, 30));
        // Fall back 2024-11-03 02:00 EDT -> 01:00 EST: 01:30 happens twice.
        let fold = ny.resolve_local(local(2024, 11, 3, 1, 30));
        assert_eq!(fold.kind, LocalKind::Fold);
        assert_eq!(fold.utc, local(2024, 11, 3, 5, 30));
        let plain = ny.resolve_local(local(2024, 7, 1, 9, 0));
        assert_eq!((plain.kind, plain.offset), (LocalKind::Unique, -4 * 3600));
    }

    #[test]
    fn cursor_and_table_agree_with_the_rules() {
        for name in [
            "Australia/Lord_Howe",
            "America/New_York",
            "Europe/Berlin",
            "Pacific/Apia",
        ] {
            let z = Zone::iana(name).unwrap();
            let Kind::Tz(data) = &z.kind else { panic!() };
            let mut c = ZoneCursor::new(&z);
            for start in [
                local(1916, 1, 1, 0, 0),
                local(2011, 1, 1, 0, 0),
                local(2099, 6, 1, 0, 0),
            ] {
                for step in 0..(2 * 365 * 24) {
                    let l = start + step * 1800 + 60 * (step % 7);
                    let slow = resolve_slow(data, l).0;
                    assert_eq!(c.resolve(l), slow, "{name} local {l}");
                    assert_eq!(z.resolve_local(l), slow, "{name} local {l}");
                }
            }
        }
    }
}
