//! Prints, per criterion group, each library's median time and its ratio to
//! kalends' median (peer / kalends: 5.0 means kalends took a fifth of the
//! time). Without a kalends entry in a group, the ratios are to the fastest
//! entry instead, and the header says so.
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

/// How deep below the criterion directory results are looked for
/// (`group/function/new/` is three levels; parameterised benchmarks add one).
const MAX_DEPTH: usize = 6;

/// One benchmark's result.
struct Measured {
    /// Criterion's function id (`calcard`, `kalends`, …).
    function: String,
    /// Median time per iteration, nanoseconds.
    median_ns: f64,
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
    for (group, mut entries) in groups {
        entries.sort_by(|a, b| a.median_ns.total_cmp(&b.median_ns));
        let baseline = entries.iter().find(|m| m.function == BASELINE);
        let (base_name, base_ns) = match (baseline, entries.first()) {
            (Some(b), _) => (b.function.clone(), b.median_ns),
            (None, Some(fastest)) => (
                format!("{} (fastest; no kalends result)", fastest.function),
                fastest.median_ns,
            ),
            (None, None) => continue,
        };
        println!("{group}: median per iteration, ratio = entry / {base_name}");
        for m in &entries {
            let ratio = if base_ns > 0.0 {
                m.median_ns / base_ns
            } else {
                f64::NAN
            };
            println!(
                "  {:<18} {:>12}  {:>7.2}x",
                m.function,
                human(m.median_ns),
                ratio
            );
        }
        println!();
    }
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
        groups.entry(group).or_default().push(Measured {
            function,
            median_ns,
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
