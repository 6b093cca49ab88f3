//! Any bytes as an assessment file against the shipped rule sets, and when it is valid, its
//! report in every format.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    readiness::fuzzing::assessment(data, true);
});
