//! Fuzz target `recur`: see `kalends_fuzz::recur` for the checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kalends_fuzz::recur(data));
