//! A one-shot driver for profiling the JSCalendar conversions under
//! `perf` or `valgrind --tool=callgrind`, beside calcard's.
//!
//! ```text
//! cargo build --release -p kalends-benches --bin jscal_profile
//! [JSCAL_PROFILE=bis] [JSCAL_BUMP=1] target/release/jscal_profile <to|from|cto|cfrom|cto-clone|cfrom-clone|text|ctext|jparse|jwrite|parse|count|ics|none> [iterations]
//! ```
//!
//! `to` / `from` run kalends' iCalendar → JSCalendar / JSCalendar →
//! iCalendar conversion of the 10,000-event calendar, `cto` / `cfrom`
//! calcard's (timed without the clone its consuming API needs), `none`
//! only the set-up (subtract it from a callgrind total), `cto-clone` /
//! `cfrom-clone` only the clone calcard's runs make (subtract it from
//! theirs), `text` / `ctext` the whole text-to-text round trip of the
//! bench's `jscal_text` group (kalends' / calcard's), `jparse` reads
//! the compact JSON text of the converted calendar with `Json::parse`
//! (the text is made in the set-up), `jwrite` writes the converted
//! calendar as compact JSON text with `Json::to_json` (subtract
//! `jwrite 0`), `parse` reads the calendar's text
//! with `kalends_ical_core::parse` (its set-up makes only the text, so
//! subtract `parse 0`), `ics` prints the calendar (to run the CLI on it). It prints the
//! wall time and the heap allocations per iteration. Timings belong in
//! the criterion bench (`--bench jscal`); this is for finding where the
//! time goes.
//!
//! With `JSCAL_BUMP=1`, every allocation in the timed loop is a pointer
//! bump in one big region and every free does nothing: the instructions
//! left are what the conversions cost without allocator work, the ceiling
//! of what an arena could save. Subtract a `0`-iteration run with the same
//! setting.
#![allow(
    unsafe_code,
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stderr,
    clippy::print_stdout
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use kalends_benches::calendar_10k;
use kalends_benches::peers::calcard as calcard_peer;
use kalends_jscalendar::convert::{Profile, ical_to_jscal, jscal_to_ical_as};

/// The system allocator, counting allocations; with `JSCAL_BUMP=1`, a
/// bump allocator from the timed loop on (see [`Bump`]).
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

/// The bump region of `JSCAL_BUMP=1`: what the conversions would cost if
/// allocating were a pointer bump and freeing were free, the most an arena
/// could save. The region is reserved once after the set-up; from then on
/// every allocation is carved from it and never freed (the binary exits
/// soon after), and blocks from before the switch still go back to
/// `System`.
struct Bump;

/// The region's start (0 while bumping is off) and the next free byte.
static BUMP_START: AtomicUsize = AtomicUsize::new(0);
static BUMP_NEXT: AtomicUsize = AtomicUsize::new(0);
/// The region's size: virtual memory, only the pages used are touched.
const BUMP_SIZE: usize = 8 << 30;

impl Bump {
    /// Reserves the region and turns bumping on.
    fn start() {
        let Ok(layout) = Layout::from_size_align(BUMP_SIZE, 4096) else {
            return;
        };
        // SAFETY: `layout` has a non-zero size.
        let start = unsafe { System.alloc(layout) } as usize;
        if start == 0 {
            eprintln!("JSCAL_BUMP: could not reserve {BUMP_SIZE} bytes; allocating normally");
            return;
        }
        BUMP_NEXT.store(start, Ordering::Relaxed);
        BUMP_START.store(start, Ordering::Relaxed);
    }

    /// True for a block carved from the region.
    fn owns(ptr: *mut u8) -> bool {
        let start = BUMP_START.load(Ordering::Relaxed);
        start != 0 && (ptr as usize) >= start && (ptr as usize) < start + BUMP_SIZE
    }

    /// A block from the region, or null when bumping is off or the region
    /// is used up (the caller then asks `System`). The binary is single
    /// threaded, so a load and a store suffice.
    fn alloc(layout: Layout) -> *mut u8 {
        let start = BUMP_START.load(Ordering::Relaxed);
        if start == 0 {
            return std::ptr::null_mut();
        }
        let next = BUMP_NEXT.load(Ordering::Relaxed);
        let at = next.next_multiple_of(layout.align());
        match at.checked_add(layout.size()) {
            Some(end) if end <= start + BUMP_SIZE => {
                BUMP_NEXT.store(end, Ordering::Relaxed);
                at as *mut u8
            }
            _ => std::ptr::null_mut(),
        }
    }
}

// SAFETY: without `JSCAL_BUMP` every method forwards to `System` with the
// caller's arguments unchanged; the only addition is a relaxed counter.
// With it, `Bump::alloc` hands out disjoint, suitably aligned blocks of a
// region `System` gave and nothing else uses, never handed out twice;
// `dealloc` leaves them alone and `realloc` copies into a new block, so
// every block a caller holds stays valid. `unsafe` is needed because
// `GlobalAlloc` is an unsafe trait; this binary is a measuring tool and no
// library code depends on it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        let bumped = Bump::alloc(layout);
        if !bumped.is_null() {
            return bumped;
        }
        // SAFETY: forwarded unchanged (see above).
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if Bump::owns(ptr) {
            return;
        }
        // SAFETY: forwarded unchanged (see above).
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        if let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) {
            let bumped = Bump::alloc(new_layout);
            if !bumped.is_null() {
                // SAFETY: `ptr` holds `layout.size()` bytes the caller owns;
                // `bumped` is a fresh block of `new_size` bytes, disjoint
                // from it.
                unsafe {
                    std::ptr::copy_nonoverlapping(ptr, bumped, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                return bumped;
            }
        }
        if Bump::owns(ptr) {
            // The region is used up: move the block to `System`.
            let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
                return std::ptr::null_mut();
            };
            // SAFETY: as above, with a block from `System`.
            unsafe {
                let moved = System.alloc(new_layout);
                if !moved.is_null() {
                    std::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                }
                return moved;
            }
        }
        // SAFETY: forwarded unchanged (see above).
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let n: u32 = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let profile = match std::env::var("JSCAL_PROFILE").as_deref() {
        Ok("bis") => Profile::Bis,
        _ => Profile::Rfc8984,
    };
    let text = calendar_10k();
    if mode == "ics" {
        // The calendar itself, to run the CLI or another tool on.
        print!("{text}");
        return;
    }
    if mode == "parse" {
        // The iCalendar reader alone: none of the conversions' set-up.
        timed(&mode, n, || {
            drop(black_box(kalends_ical_core::parse(&text).unwrap()));
        });
        return;
    }
    let doc = kalends_ical_core::parse(&text).unwrap();
    let ours = ical_to_jscal(&doc, profile).unwrap();
    let cal = calcard_peer::parse(&text).unwrap();
    let theirs = mode
        .starts_with('c')
        .then(|| cal.clone().into_jscalendar::<String, String>());

    if mode == "count" {
        fn walk(v: &kalends_jscalendar::json::Json<'_>, c: &mut [usize; 4]) {
            use kalends_jscalendar::json::Json;
            match v {
                Json::Object(o) => {
                    c[0] += 1;
                    for (k, v) in o.iter() {
                        let _ = k;
                        walk(v, c);
                    }
                }
                Json::Array(a) => {
                    c[1] += 1;
                    a.iter().for_each(|x| walk(x, c));
                }
                Json::String(s) if !s.is_inline() && !s.is_borrowed() => c[2] += 1,
                _ => c[3] += 1,
            }
        }
        let mut c = [0usize; 4];
        walk(&ours, &mut c);
        eprintln!(
            "objects {} arrays {} heap strings {} other {}",
            c[0], c[1], c[2], c[3]
        );
        return;
    }
    // The JSON text of `ours`, for `jparse` (reading JSON text alone).
    let json_text = if mode == "jparse" {
        ours.to_json()
    } else {
        String::new()
    };
    if std::env::var_os("JSCAL_BUMP").is_some() {
        Bump::start();
    }
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let mut excluded = Duration::ZERO;
    let start = Instant::now();
    for _ in 0..n {
        match mode.as_str() {
            "to" => drop(black_box(ical_to_jscal(&doc, profile).unwrap())),
            "from" => drop(black_box(jscal_to_ical_as(&ours, profile).unwrap())),
            "cto" => {
                let c = cal.clone();
                let t = Instant::now();
                drop(black_box(c.into_jscalendar::<String, String>()));
                excluded += t.elapsed();
            }
            "cfrom" => {
                let c = theirs.clone().unwrap();
                let t = Instant::now();
                drop(black_box(c.into_icalendar().unwrap()));
                excluded += t.elapsed();
            }
            "jparse" => drop(black_box(
                kalends_jscalendar::json::Json::parse(&json_text).unwrap(),
            )),
            "jwrite" => drop(black_box(ours.to_json())),
            // Text to text both ways (parse, convert, write), no clone.
            "text" => drop(black_box(
                kalends_benches::peers::kalends::jscal_text_round_trip(&text, profile).unwrap(),
            )),
            "ctext" => drop(black_box(
                calcard_peer::jscal_text_round_trip(&text).unwrap(),
            )),
            // The clones alone, to subtract from `cto` / `cfrom` under callgrind.
            "cto-clone" => drop(black_box(cal.clone())),
            "cfrom-clone" => drop(black_box(theirs.clone().unwrap())),
            _ => {}
        }
    }
    report(&mode, n, before, start, excluded);
}

/// Runs `once` `n` times and reports like the other modes.
fn timed(mode: &str, n: u32, mut once: impl FnMut()) {
    if std::env::var_os("JSCAL_BUMP").is_some() {
        Bump::start();
    }
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let start = Instant::now();
    for _ in 0..n {
        once();
    }
    report(mode, n, before, start, Duration::ZERO);
}

/// Prints the wall time and the allocations per iteration: `excluded`, when
/// not zero, is the time measured (the part of each iteration timed alone).
fn report(mode: &str, n: u32, before: usize, start: Instant, excluded: Duration) {
    let elapsed = if excluded.is_zero() {
        start.elapsed()
    } else {
        excluded
    };
    let n = n.max(1);
    let allocations = ALLOCATIONS.load(Ordering::Relaxed).saturating_sub(before);
    eprintln!(
        "{mode}: {:?} and {} allocations per iteration (calcard's include its clone)",
        elapsed / n,
        allocations / n as usize
    );
}
