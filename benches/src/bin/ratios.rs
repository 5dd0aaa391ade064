//! Prints, per criterion group, each library's median time and its ratio to
//! kalends' median (peer / kalends: 5.0 means kalends took a fifth of the
//! time). Without a kalends entry in a group, the ratios are to the fastest
//! entry instead, and the header says so.
//!
//! Parameterised entries (`rrule/Berlin`) are divided by kalends' entry
//! with the same parameter (`kalends/Berlin`); in the RSCALE groups, which
//! have no kalends entry, every calendar is divided by `gregorian`. Where
//! criterion recorded a throughput in elements (instances), the time per
//! element is printed too. A summary at the end gives the figures of issues
//! 4 and 5: each peer's median ratio over the `recur_*` rule groups, the
//! far window against the first-year one, and RSCALE against Gregorian.
//!
//! Usage: `cargo run -p kalends-benches --bin ratios [CRITERION_DIR]`.
//! The directory defaults to `$CARGO_TARGET_DIR/criterion`, else the
//! workspace's `target/criterion`. It reads every `new/benchmark.json` (the
//! names) and `new/estimates.json` (the median) that criterion wrote.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::{Path, PathBuf};

/// The entry every other is divided by.
const BASELINE: &str = "kalends";

/// The baseline of groups without a kalends entry when it is present: the
/// Gregorian rule beside each RSCALE rule.
const GREGORIAN: &str = "gregorian";

/// Groups whose name starts with this compare libraries on one rule.
const RULE_GROUPS: &str = "recur_";

/// The far-window group: kalends' entries `kalends/<first year>` and
/// `kalends/<far year>`.
const WINDOW_GROUP: &str = "recur_window_daily";

/// The window entries compared in the summary: far / near.
const WINDOW_ENTRIES: (&str, &str) = ("kalends/2100", "kalends/1970");

/// Groups whose name starts with this compare an RSCALE rule with
/// [`GREGORIAN`].
const RSCALE_GROUPS: &str = "rscale_";

/// How deep below the criterion directory results are looked for
/// (`group/function/new/` is three levels; parameterised benchmarks add one).
const MAX_DEPTH: usize = 6;

/// One benchmark's result.
struct Measured {
    /// Criterion's function id (`calcard`, `kalends`, …).
    function: String,
    /// Median time per iteration, nanoseconds.
    median_ns: f64,
    /// Criterion's throughput in elements per iteration, if any.
    elements: Option<u64>,
}

/// The entry `m` is divided by: kalends' entry with the same parameter,
/// else kalends, else `gregorian`.
fn baseline<'m>(entries: &'m [Measured], m: &Measured) -> Option<&'m Measured> {
    let find = |name: &str| entries.iter().find(|e| e.function == name);
    m.function
        .split_once('/')
        .and_then(|(_, parameter)| find(&format!("{BASELINE}/{parameter}")))
        .or_else(|| find(BASELINE))
        .or_else(|| find(GREGORIAN))
}

/// The median of `values` (the mean of the middle two for an even count).
fn median_of(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values.get(mid).copied()
    } else {
        let low = values.get(mid.checked_sub(1)?)?;
        values.get(mid).map(|high| (low + high) / 2.0)
    }
}

/// The summary of issues 4 and 5 (see the module documentation).
fn summary(groups: &BTreeMap<String, Vec<Measured>>) {
    let mut peers: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut rscale: Vec<(String, f64)> = Vec::new();
    let mut window = None;
    for (group, entries) in groups {
        let ratio = |m: &Measured| baseline(entries, m).map(|b| m.median_ns / b.median_ns);
        if group == WINDOW_GROUP {
            let find = |name: &str| entries.iter().find(|e| e.function == name);
            if let (Some(far), Some(near)) = (find(WINDOW_ENTRIES.0), find(WINDOW_ENTRIES.1)) {
                window = Some(far.median_ns / near.median_ns);
            }
        } else if group.starts_with(RULE_GROUPS) {
            for m in entries.iter().filter(|m| !m.function.starts_with(BASELINE)) {
                let peer = m.function.split('/').next().unwrap_or(&m.function);
                if let Some(r) = ratio(m) {
                    peers.entry(peer.to_owned()).or_default().push(r);
                }
            }
        } else if group.starts_with(RSCALE_GROUPS) {
            for m in entries.iter().filter(|m| m.function != GREGORIAN) {
                if let Some(r) = ratio(m) {
                    rscale.push((format!("{group} {}", m.function), r));
                }
            }
        }
    }
    if peers.is_empty() && rscale.is_empty() && window.is_none() {
        return;
    }
    println!("summary (issues 4 and 5)");
    for (peer, mut ratios) in peers {
        let n = ratios.len();
        if let Some(median) = median_of(&mut ratios) {
            let (low, high) = (ratios.first(), ratios.last());
            println!(
                "  {peer} / kalends over the {RULE_GROUPS}* rule groups: median {median:.2}x \
                 ({n} entries, {:.2}x to {:.2}x; target >= 20x)",
                low.copied().unwrap_or(f64::NAN),
                high.copied().unwrap_or(f64::NAN)
            );
        }
    }
    if let Some(w) = window {
        println!(
            "  {WINDOW_GROUP}: {} / {} = {w:.2}x (target <= 2x)",
            WINDOW_ENTRIES.0, WINDOW_ENTRIES.1
        );
    }
    for (name, r) in &rscale {
        println!("  {name} / {GREGORIAN} = {r:.2}x (target <= 5x)");
    }
    let mut values: Vec<f64> = rscale.iter().map(|(_, r)| *r).collect();
    if let Some(median) = median_of(&mut values) {
        println!("  RSCALE / Gregorian: median {median:.2}x");
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let dir = criterion_dir();
    let mut groups: BTreeMap<String, Vec<Measured>> = BTreeMap::new();
    collect(&dir, 0, &mut groups)?;
    if groups.is_empty() {
        return Err(format!(
            "no criterion results under {}; run `cargo bench -p kalends-benches` first",
            dir.display()
        )
        .into());
    }
    for (group, entries) in &mut groups {
        entries.sort_by(|a, b| a.median_ns.total_cmp(&b.median_ns));
        let parameterised = entries.iter().any(|m| m.function.contains('/'));
        let fixed = [BASELINE, GREGORIAN]
            .iter()
            .find_map(|name| entries.iter().find(|m| m.function == *name));
        // `fastest_ns` is set only when no entry has a baseline.
        let (base_name, fastest_ns) = match (fixed, entries.first()) {
            _ if parameterised => (format!("{BASELINE} with the same parameter"), None),
            (Some(b), _) => (b.function.clone(), None),
            (None, Some(fastest)) => (
                format!("{} (fastest; no kalends result)", fastest.function),
                Some(fastest.median_ns),
            ),
            (None, None) => continue,
        };
        println!("{group}: median per iteration, ratio = entry / {base_name}");
        for m in entries.iter() {
            let base_ns = fastest_ns.or_else(|| baseline(entries, m).map(|b| b.median_ns));
            let ratio = match base_ns {
                Some(b) if b > 0.0 => m.median_ns / b,
                _ => f64::NAN,
            };
            let per = match m.elements {
                Some(n) if n > 0 => format!("  {:>10} per element", human(m.median_ns / n as f64)),
                _ => String::new(),
            };
            println!(
                "  {:<18} {:>12}  {:>7.2}x{per}",
                m.function,
                human(m.median_ns),
                ratio
            );
        }
        println!();
    }
    summary(&groups);
    Ok(())
}

/// The directory given on the command line, or the default one.
fn criterion_dir() -> PathBuf {
    if let Some(arg) = std::env::args_os().nth(1) {
        return PathBuf::from(arg);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("target")
        .join("criterion")
}

/// Walks `dir`, adding every `new/` result found to `groups`.
fn collect(
    dir: &Path,
    depth: usize,
    groups: &mut BTreeMap<String, Vec<Measured>>,
) -> Result<(), Box<dyn Error>> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let new = dir.join("new");
    if new.join("estimates.json").is_file() && new.join("benchmark.json").is_file() {
        let (group, function) = names(&new.join("benchmark.json"))?;
        let median_ns = median(&new.join("estimates.json"))?;
        let elements = elements(&new.join("benchmark.json"))?;
        groups.entry(group).or_default().push(Measured {
            function,
            median_ns,
            elements,
        });
        return Ok(());
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => return Err(format!("cannot read {}: {error}", dir.display()).into()),
    };
    for entry in entries {
        let path = entry?.path();
        // `report/` holds criterion's HTML, not results.
        if path.is_dir() && path.file_name().is_some_and(|n| n != "report") {
            collect(&path, depth.saturating_add(1), groups)?;
        }
    }
    Ok(())
}

/// The group and function ids from criterion's `benchmark.json`.
fn names(path: &Path) -> Result<(String, String), Box<dyn Error>> {
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let group = json.get("group_id").and_then(|v| v.as_str());
    let function = json.get("function_id").and_then(|v| v.as_str());
    let value = json.get("value_str").and_then(|v| v.as_str());
    match (group, function, value) {
        (Some(g), Some(f), Some(v)) => Ok((g.to_owned(), format!("{f}/{v}"))),
        (Some(g), Some(f), None) => Ok((g.to_owned(), f.to_owned())),
        (Some(g), None, _) => Ok((g.to_owned(), g.to_owned())),
        _ => Err(format!("{} has no group_id", path.display()).into()),
    }
}

/// The throughput in elements per iteration from criterion's
/// `benchmark.json` (`"throughput": {"Elements": n}`), if it has one.
fn elements(path: &Path) -> Result<Option<u64>, Box<dyn Error>> {
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    Ok(json
        .get("throughput")
        .and_then(|t| t.get("Elements"))
        .and_then(serde_json::Value::as_u64))
}

/// The median point estimate (nanoseconds) from criterion's `estimates.json`.
fn median(path: &Path) -> Result<f64, Box<dyn Error>> {
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    json.get("median")
        .and_then(|m| m.get("point_estimate"))
        .and_then(serde_json::Value::as_f64)
        .ok_or_else(|| format!("{} has no median.point_estimate", path.display()).into())
}

/// Nanoseconds in the largest unit that keeps the number at or above 1.
fn human(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.3} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.1} ns")
    }
}
