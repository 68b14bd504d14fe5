//! Arbitrary TOML documents shaped like a pilier file: the checks and reports.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../harness.rs"]
mod harness;

fuzz_target!(|data: &[u8]| harness::document(data));
