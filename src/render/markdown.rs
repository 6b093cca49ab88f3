//! GitHub-flavoured Markdown.

use crate::report::Report;

pub fn report(r: &Report) -> String {
    super::text::report(r, super::Style::default())
}

pub fn index(rows: &[super::SummaryRow], written: &[(String, String)]) -> String {
    let _ = (rows, written);
    String::new()
}
