//! JSON: the report structure itself (see [`crate::report`] for the keys), pretty for one report,
//! one compact line per report for `jsonl` and batches.

use crate::report::Report;

pub fn report(report: &Report) -> String {
    let mut s =
        serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

pub fn line(report: &Report) -> String {
    let mut s = serde_json::to_string(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
