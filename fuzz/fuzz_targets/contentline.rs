//! Fuzz target `contentline`: see `kalends_fuzz::contentline` for the checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kalends_fuzz::contentline(data));
