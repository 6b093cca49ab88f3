//! Any bytes as an assessment file against the shipped rule sets: load, validate, render the
//! diagnostics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    readiness::fuzzing::assessment(data, false);
});
