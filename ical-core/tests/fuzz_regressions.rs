//! Replays every saved fuzz crash through the checks of its fuzz target.
//!
//! The files live in `tests/data/fuzz-regressions/`, named
//! `<target>-<short-name>`; the checks are `fuzz/src/lib.rs`, compiled in
//! here unchanged, so this test runs exactly what the fuzzer ran.

// Tests may unwrap, expect, panic and index (DEVELOPING.md); clippy's
// test allowances cover `#[test]` functions only, not their helpers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../../fuzz/src/lib.rs"]
mod checks;

use std::path::{Path, PathBuf};

fn regression_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_regression_file_passes_its_target_checks() {
    let files = regression_files();
    assert!(!files.is_empty(), "no regression files found");
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let target = name.split('-').next().unwrap_or("");
        let data = std::fs::read(path).unwrap();
        let outcome = std::panic::catch_unwind(|| checks::run(target, &data));
        match outcome {
            Ok(Some(())) => {}
            Ok(None) => failures.push(format!("{name}: no fuzz target named `{target}`")),
            Err(_) => failures.push(format!(
                "{name}: the `{target}` checks failed (see the panic above)"
            )),
        }
    }
    eprintln!("replayed {} fuzz regression files", files.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
