//! Fuzz target `tree`: see `kalends_fuzz::tree` for the checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kalends_fuzz::tree(data));
