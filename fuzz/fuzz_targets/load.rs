//! Arbitrary bytes as one file of a contract: loading, checking, reports.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../harness.rs"]
mod harness;

fuzz_target!(|data: &[u8]| harness::bytes(data));
