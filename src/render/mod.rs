//! Report layouts, one file per format. Renderers only lay out what [`crate::report::Report`]
//! holds; they never compute a total.

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod text;

use crate::report::Report;

/// Every report format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    /// Tables for a terminal (colour only on a terminal, never with NO_COLOR).
    Text,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// The complete report as one JSON document.
    Json,
    /// One JSON report per line, for batches.
    Jsonl,
    /// One row per criterion.
    Csv,
    /// One self-contained page: inline CSS and SVG charts, no scripts.
    Html,
}

impl Format {
    /// Whether several assessments with `-o` give a directory of one file per report.
    pub fn one_file_per_report(self) -> bool {
        matches!(self, Format::Markdown | Format::Html)
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }
}

/// How a human format may look.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    /// ANSI colour (text only).
    pub color: bool,
    /// Terminal width to fit (text only); `None` for no wrapping.
    pub width: Option<u16>,
}

/// One report in one format.
pub fn render(report: &Report, format: Format, style: Style) -> String {
    match format {
        Format::Text => text::report(report, style),
        Format::Markdown => markdown::report(report),
        Format::Json => json::report(report),
        Format::Jsonl => json::line(report),
        Format::Csv => csv::rows(report, true),
        Format::Html => html::report(report),
    }
}

/// A report written into a directory, for the index page that links to it.
#[derive(Clone, Debug)]
pub struct IndexEntry {
    /// The file name of the report, beside the index.
    pub file: String,
    /// Its comparison rows, one per rule set.
    pub rows: Vec<SummaryRow>,
}

/// A file name as a relative URL: unreserved bytes kept, everything else percent-encoded.
pub fn url_path(name: &str) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(name.len());
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// One row of the several-assessment comparison table: a rule set of a report.
#[derive(Clone, Debug)]
pub struct SummaryRow {
    pub country: String,
    pub as_of: String,
    pub file: String,
    pub ruleset: String,
    pub score: Option<rust_decimal::Decimal>,
    pub band: Option<String>,
    pub verdict: &'static str,
    pub coverage: rust_decimal::Decimal,
}

/// The comparison rows of a report.
pub fn summary_rows(report: &Report) -> Vec<SummaryRow> {
    report
        .rulesets
        .iter()
        .map(|r| SummaryRow {
            country: report.country.clone(),
            as_of: report.as_of.to_string(),
            file: report.file.clone(),
            ruleset: r.id.clone(),
            score: r.score,
            band: r.band.clone(),
            verdict: r.verdict.as_str(),
            coverage: r.coverage,
        })
        .collect()
}
