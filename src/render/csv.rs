//! CSV (RFC 4180, `\n` line ends): one row per criterion of every rule set of a report, so a
//! batch is one table. Percentages are rounded to two decimals like JSON; an undefined value is
//! an empty field.
//!
//! Text from input files is guarded against formula injection: a spreadsheet would run a field
//! that starts with `=`, `+`, `-`, `@`, tab or CR, so such a field gets a leading `'`. Numbers the
//! engine writes (a value of -1.5) are not text and stay as they are.

use std::fmt::Display;

use rust_decimal::Decimal;

use crate::report::{CriterionReport, Report, RuleSetReport, round};

/// The column names, in order.
const COLUMNS: [&str; 26] = [
    "country",
    "as_of",
    "ruleset",
    "ruleset_version",
    "benchmark",
    "criterion",
    "title",
    "required",
    "kind",
    "status",
    "level",
    "level_label",
    "value",
    "unit",
    "target_raw",
    "score",
    "target",
    "gap",
    "points",
    "effective_weight",
    "confidence",
    "stale",
    "waived",
    "evidence",
    "sources",
    "related",
];

/// The rows of a report, after the header line when `header` is set.
pub fn rows(r: &Report, header: bool) -> String {
    let mut out = if header {
        self::header()
    } else {
        String::new()
    };
    for rs in &r.rulesets {
        for c in &rs.criteria {
            line(&mut out, &fields(r, rs, c));
        }
    }
    out
}

/// The header line, ending in `\n`.
pub fn header() -> String {
    let mut out = String::new();
    let names: Vec<String> = COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    line(&mut out, &names);
    out
}

/// One criterion's fields, in [`COLUMNS`] order, already escaped.
fn fields(r: &Report, rs: &RuleSetReport, c: &CriterionReport) -> Vec<String> {
    let related: Vec<&str> = c.related.iter().map(|x| x.id.as_str()).collect();
    vec![
        text(&r.country),
        plain(r.as_of),
        text(&rs.id),
        text(&rs.version),
        text(&c.benchmark),
        text(&c.id),
        text(&c.title),
        plain(c.required),
        plain(c.kind),
        plain(c.status.as_str()),
        opt(c.level),
        c.level_label.as_deref().map_or_else(String::new, text),
        opt(c.value.map(|v| v.normalize())),
        c.unit.as_deref().map_or_else(String::new, text),
        plain(c.target_raw.normalize()),
        pct(c.score),
        pct(Some(c.target)),
        pct(c.gap),
        pct(c.points),
        pct(c.effective_weight),
        c.confidence.map_or_else(String::new, |x| plain(x.as_str())),
        plain(c.stale),
        plain(c.waived),
        c.evidence.as_deref().map_or_else(String::new, text),
        text(&c.sources.join("; ")),
        text(&related.join("; ")),
    ]
}

fn line(out: &mut String, fields: &[String]) {
    out.push_str(&fields.join(","));
    out.push('\n');
}

/// A field from an input file: guarded against formula injection, then quoted as needed.
fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        quote(&format!("'{s}"))
    } else {
        quote(s)
    }
}

/// A value the engine writes (number, flag, keyword): quoted as needed, never guarded.
fn plain(v: impl Display) -> String {
    quote(&v.to_string())
}

fn opt(v: Option<impl Display>) -> String {
    v.map_or_else(String::new, plain)
}

/// A percentage rounded half away from zero to two decimals; empty when undefined.
fn pct(d: Option<Decimal>) -> String {
    opt(d.map(|d| round(d, 2)))
}

/// RFC 4180: a field holding a comma, quote, CR or LF is put in quotes, its quotes doubled.
fn quote(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_fields_with_comma_quote_or_line_break() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(quote("one\ntwo"), "\"one\ntwo\"");
        assert_eq!(quote("one\rtwo"), "\"one\rtwo\"");
        assert_eq!(quote(""), "");
    }

    #[test]
    fn guards_text_that_a_spreadsheet_would_run() {
        assert_eq!(text("=SUM(A1:A9)"), "'=SUM(A1:A9)");
        assert_eq!(text("+1"), "'+1");
        assert_eq!(text("-2"), "'-2");
        assert_eq!(text("@cmd"), "'@cmd");
        assert_eq!(text("\tx"), "'\tx");
        assert_eq!(text("\rx"), "\"'\rx\"");
        assert_eq!(
            text("=HYPERLINK(\"x\",\"y\")"),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""
        );
        assert_eq!(text("a = b"), "a = b");
    }

    #[test]
    fn numbers_are_not_guarded_and_round_to_two_decimals() {
        assert_eq!(plain(Decimal::new(-15, 1)), "-1.5");
        assert_eq!(pct(Some(Decimal::new(55_925, 3))), "55.93");
        assert_eq!(pct(Some(Decimal::new(-55_925, 3))), "-55.93");
        assert_eq!(pct(Some(Decimal::new(1000, 1))), "100");
        assert_eq!(pct(None), "");
    }

    #[test]
    fn header_names_every_column_once() {
        let h = header();
        assert!(h.starts_with("country,as_of,ruleset,"));
        assert!(h.ends_with(",evidence,sources,related\n"));
        assert_eq!(h.trim_end().split(',').count(), COLUMNS.len());
    }
}
