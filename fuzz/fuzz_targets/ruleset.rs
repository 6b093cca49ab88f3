//! Any bytes as a rule-set file: load, validate, join into a catalog, render the diagnostics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    readiness::fuzzing::ruleset(data);
});
