//! Fuzz target `roundtrip`: see `kalends_fuzz::roundtrip` for the checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kalends_fuzz::roundtrip(data));
