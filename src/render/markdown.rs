//! GitHub-flavoured Markdown: the text report's content and order (header, per rule set a
//! summary, the benchmark table, the ranked gaps with what closes them, the lists; then how the
//! numbers were made), as headings, lists and pipe tables.
//!
//! Every string that comes from an input file goes through `inline`: it is put on one line and
//! stripped of the power to start markup, so `<script>` in evidence shows as text and a `|` never
//! splits a table cell. Strings the engine writes itself (verdicts, states, the method) do not.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::text::{current, target};
use super::{IndexEntry, url_path};
use crate::gaps::human;
use crate::report::{CriterionReport, Report, RuleSetReport};

/// One report as a Markdown document.
pub fn report(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} — readiness as of {}\n",
        inline(&r.country),
        r.as_of
    );
    if !r.assessors.is_empty() {
        let names: Vec<String> = r.assessors.iter().map(|a| inline(a)).collect();
        let _ = writeln!(out, "- **Assessors:** {}", names.join(", "));
    }
    if let Some(notes) = &r.notes {
        let _ = writeln!(out, "- **Notes:** {}", inline(notes));
    }
    let _ = writeln!(out, "- **Assessment:** {}", inline(&r.file));
    let _ = writeln!(out, "- **Engine:** {} {}", r.engine.name, r.engine.version);
    for rs in &r.rulesets {
        out.push('\n');
        ruleset(&mut out, rs);
    }
    let _ = writeln!(out, "\n## How the numbers were made\n");
    for line in &r.method {
        // The engine's own sentences, written to read as Markdown (`min` is code).
        let _ = writeln!(out, "- {line}");
    }
    out
}

/// The index page of a directory of per-report files: one row per rule set of each report, the
/// country linking to its report. `written` holds (file name, input file stem) in input order;
/// the rows of one report are consecutive and share `file`.
pub fn index(entries: &[IndexEntry]) -> String {
    let mut out = String::from("# Readiness reports\n\n");
    if entries.iter().all(|e| e.rows.is_empty()) {
        out.push_str("No reports.\n");
        return out;
    }
    let mut t = MdTable::new(&[
        ("country", Align::Left),
        ("as of", Align::Left),
        ("rule set", Align::Left),
        ("score", Align::Right),
        ("band", Align::Left),
        ("verdict", Align::Left),
        ("coverage", Align::Right),
    ]);
    for (entry, row) in entries
        .iter()
        .flat_map(|e| e.rows.iter().map(move |r| (e, r)))
    {
        let country = format!("[{}]({})", inline(&row.country), url_path(&entry.file));
        t.row(vec![
            country,
            inline(&row.as_of),
            inline(&row.ruleset),
            pct(row.score),
            row.band.as_deref().map_or_else(|| "-".into(), inline),
            row.verdict.to_owned(),
            format!("{}%", human(row.coverage)),
        ]);
    }
    out.push_str(&t.finish());
    out
}

fn ruleset(out: &mut String, rs: &RuleSetReport) {
    let _ = writeln!(
        out,
        "## {} ({} {})\n",
        inline(&rs.title),
        inline(&rs.id),
        inline(&rs.version)
    );
    let _ = writeln!(
        out,
        "**Score {}** · {} · **Verdict: {}**\n",
        pct(rs.score),
        rs.band.as_deref().map_or_else(|| "no band".into(), inline),
        rs.verdict.as_str()
    );
    for reason in &rs.reasons {
        let _ = writeln!(out, "- {}", inline(reason));
    }
    if let Some(w) = &rs.without_waivers {
        let _ = writeln!(
            out,
            "\nWithout waivers the verdict would be **{}**:\n",
            w.verdict.as_str()
        );
        for reason in &w.reasons {
            let _ = writeln!(out, "- {}", inline(reason));
        }
    }
    let c = &rs.counts;
    let _ = writeln!(
        out,
        // One paragraph, lines kept apart by hard breaks (a list would merge with the reasons).
        "\nCoverage {}% (minimum {}%), ready at {}%.\\\n\
         Criteria: {} met, {} partial, {} unmet, {} not assessed, {} not applicable.\\\n\
         Rules SHA-256: `{}`",
        human(rs.coverage),
        human(rs.min_coverage),
        human(rs.ready_at),
        c.met,
        c.partial,
        c.unmet,
        c.not_assessed,
        c.not_applicable,
        // Hex the engine computed: no escaping, which a code span would show.
        rs.sha256
    );

    let _ = writeln!(out, "\n### Benchmarks\n");
    let mut t = MdTable::new(&[
        ("benchmark", Align::Left),
        ("title", Align::Left),
        ("weight", Align::Right),
        ("aggregation", Align::Left),
        ("score", Align::Right),
        ("target", Align::Right),
        ("coverage", Align::Right),
        ("band", Align::Left),
        ("minimum", Align::Left),
    ]);
    for b in &rs.benchmarks {
        let gate = match (b.min_score, b.min_score_met) {
            (Some(m), Some(true)) => format!("{}% passed", human(m)),
            (Some(m), Some(false)) => format!("{}% **FAILED**", human(m)),
            (Some(m), None) => format!("{}% (no score)", human(m)),
            (None, _) => "-".into(),
        };
        t.row(vec![
            inline(&b.id),
            inline(&b.title),
            b.weight.normalize().to_string(),
            b.aggregation.as_str().to_owned(),
            if b.applicable {
                pct(b.score)
            } else {
                "n/a".into()
            },
            pct(b.target),
            pct(b.coverage),
            b.band.as_deref().map_or_else(|| "-".into(), inline),
            gate,
        ]);
    }
    out.push_str(&t.finish());

    let gaps: Vec<&CriterionReport> = rs
        .gaps
        .iter()
        .filter_map(|id| rs.criteria.iter().find(|c| &c.id == id))
        .collect();
    if gaps.is_empty() {
        let _ = writeln!(out, "\nNo gaps: every rated criterion meets its target.");
    } else {
        let _ = writeln!(out, "\n### Gaps, largest first (required criteria lead)\n");
        let mut t = MdTable::new(&[
            ("#", Align::Right),
            ("criterion", Align::Left),
            ("title", Align::Left),
            ("current", Align::Left),
            ("target", Align::Left),
            ("gap", Align::Right),
            ("points", Align::Right),
            ("required", Align::Left),
        ]);
        for (i, c) in gaps.iter().enumerate() {
            t.row(vec![
                (i + 1).to_string(),
                inline(&c.id),
                inline(&c.title),
                inline(&current(c)),
                inline(&target(c)),
                pct(c.gap),
                c.points.map_or_else(|| "-".into(), human),
                if c.required { "yes" } else { "no" }.to_owned(),
            ]);
        }
        out.push_str(&t.finish());
        for (i, c) in gaps.iter().enumerate() {
            let _ = writeln!(
                out,
                "\n#### {}. {} {}\n",
                i + 1,
                inline(&c.id),
                inline(&c.title)
            );
            details(out, c);
        }
    }

    let list = |out: &mut String, title: &str, ids: &[String]| {
        if !ids.is_empty() {
            let ids: Vec<String> = ids.iter().map(|id| inline(id)).collect();
            let _ = writeln!(out, "\n### {title}\n\n{}", ids.join(", "));
        }
    };
    list(out, "Not assessed", &rs.not_assessed);
    let not_applicable: Vec<&CriterionReport> = rs
        .criteria
        .iter()
        .filter(|c| c.not_applicable.is_some())
        .collect();
    if !not_applicable.is_empty() {
        let _ = writeln!(out, "\n### Not applicable\n");
        for c in not_applicable {
            let why = c.not_applicable.as_deref().unwrap_or_default();
            let _ = writeln!(
                out,
                "- **{}** {}: {}",
                inline(&c.id),
                inline(&c.title),
                inline(why)
            );
        }
    }
    list(out, "Unsupported (rated without evidence)", &rs.unsupported);
    list(
        out,
        "Stale (evidence older than the rule set allows)",
        &rs.stale,
    );
    if !rs.waivers.is_empty() {
        let _ = writeln!(out, "\n### Waivers\n");
        for w in &rs.waivers {
            let _ = writeln!(
                out,
                "- **{}**{}: {} (approved by {}{})",
                inline(&w.criterion),
                if w.expired {
                    " **EXPIRED, no effect**"
                } else {
                    ""
                },
                inline(&w.justification),
                w.approved_by.as_deref().map_or_else(|| "-".into(), inline),
                w.expires
                    .map(|e| format!(", expires {e}"))
                    .unwrap_or_default()
            );
        }
    }
}

fn details(out: &mut String, c: &CriterionReport) {
    if let Some(r) = &c.remediation {
        let _ = writeln!(out, "- **Remediation:** {}", inline(r));
    }
    if let Some(e) = &c.evidence {
        let _ = writeln!(out, "- **Evidence:** {}", inline(e));
    }
    if !c.sources.is_empty() {
        let _ = writeln!(out, "- **Sources:**");
        for s in &c.sources {
            let _ = writeln!(out, "  - {}", item(s));
        }
    }
    let mut flags = vec![format!(
        "**Confidence:** {}",
        c.confidence.map_or("-", |x| x.as_str())
    )];
    if c.stale {
        flags.push("**STALE**".into());
    }
    if c.waived {
        flags.push("waived".into());
    }
    let _ = writeln!(out, "- {}", flags.join(" · "));
    if !c.related.is_empty() {
        let _ = writeln!(out, "- **Related:**");
        for r in &c.related {
            let state = match r.score {
                Some(s) => format!("{}, {}%", inline(&r.state), human(s)),
                None => inline(&r.state),
            };
            let _ = match &r.title {
                Some(t) => writeln!(out, "  - {} {} ({state})", inline(&r.id), inline(t)),
                None => writeln!(out, "  - {} ({state})", inline(&r.id)),
            };
        }
    }
}

/// A percentage to one decimal, `-` when undefined.
fn pct(d: Option<Decimal>) -> String {
    d.map_or_else(|| "-".into(), |d| format!("{}%", human(d)))
}

/// Input text made safe for one line of Markdown, in a paragraph, list item, heading or table
/// cell: line breaks become one space, and characters that could open markup (emphasis, code,
/// links, raw HTML, entities, table cells, strikethrough) are backslash-escaped.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    let mut pending_space = false;
    while let Some(ch) = chars.next() {
        if ch == '\n' || ch == '\r' {
            pending_space = true;
            continue;
        }
        if pending_space {
            // A line break and the indentation around it fold into one space.
            if ch.is_whitespace() {
                continue;
            }
            while out.ends_with([' ', '\t']) {
                out.pop();
            }
            if !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
        }
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(ch);
            }
            // `&amp;`, `&#60;`: only an ampersand that could begin an entity needs escaping.
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            _ => out.push(ch),
        }
    }
    out
}

/// [`inline`] text that starts a list item: a leading `-`, `+` or `1.` would open a nested list.
fn item(s: &str) -> String {
    let text = inline(s);
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match text.as_bytes().get(digits) {
        Some(b'.' | b')') if digits > 0 => Some(digits),
        Some(b'-' | b'+') if digits == 0 => Some(0),
        _ => None,
    };
    match marker {
        Some(at) => format!("{}\\{}", &text[..at], &text[at..]),
        None => text,
    }
}

#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
}

/// A pipe table; cells arrive already escaped.
struct MdTable {
    rows: Vec<Vec<String>>,
    aligns: Vec<Align>,
}

impl MdTable {
    fn new(header: &[(&str, Align)]) -> Self {
        MdTable {
            rows: vec![header.iter().map(|(h, _)| (*h).to_owned()).collect()],
            aligns: header.iter().map(|(_, a)| *a).collect(),
        }
    }

    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn finish(self) -> String {
        let mut out = String::new();
        let line = |out: &mut String, cells: &[String]| {
            out.push('|');
            for cell in cells {
                let _ = write!(out, " {cell} |");
            }
            out.push('\n');
        };
        let mut rows = self.rows.into_iter();
        if let Some(header) = rows.next() {
            line(&mut out, &header);
        }
        out.push('|');
        for a in &self.aligns {
            out.push_str(match a {
                Align::Left => " --- |",
                Align::Right => " ---: |",
            });
        }
        out.push('\n');
        for r in rows {
            line(&mut out, &r);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::SummaryRow;

    #[test]
    fn inline_escapes_table_pipes_and_html() {
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(
            inline("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(inline("C:\\dir"), "C:\\\\dir");
        assert_eq!(
            inline("*bold* _em_ `code` [x](y) ~s~"),
            "\\*bold\\* \\_em\\_ \\`code\\` \\[x\\](y) \\~s\\~"
        );
    }

    #[test]
    fn inline_folds_line_breaks_to_one_space() {
        assert_eq!(inline("one\ntwo"), "one two");
        assert_eq!(inline("one  \r\n\n   - two"), "one - two");
        assert_eq!(inline("\nlead"), "lead");
        assert_eq!(inline("trail\n"), "trail");
    }

    #[test]
    fn inline_escapes_only_entity_like_ampersands() {
        assert_eq!(inline("Bosnia & Herzegovina"), "Bosnia & Herzegovina");
        assert_eq!(inline("&lt; &#60;"), "\\&lt; \\&\\#60;");
    }

    #[test]
    fn table_cells_keep_the_column_count() {
        let mut t = MdTable::new(&[("a", Align::Left), ("b", Align::Right)]);
        t.row(vec![inline("x | y\nz"), inline("1")]);
        let s = t.finish();
        for line in s.lines() {
            let bars = line.matches('|').count() - line.matches("\\|").count();
            assert_eq!(bars, 3, "{line}");
        }
    }

    #[test]
    fn item_escapes_a_leading_list_marker() {
        assert_eq!(item("- x"), "\\- x");
        assert_eq!(item("+ x"), "\\+ x");
        assert_eq!(item("1999. Report"), "1999\\. Report");
        assert_eq!(item("2) b"), "2\\) b");
        assert_eq!(item("NATO, 1994"), "NATO, 1994");
        assert_eq!(item("# x"), "\\# x");
    }

    #[test]
    fn index_links_each_report() {
        let entries = [
            IndexEntry {
                file: "a.md".into(),
                rows: vec![row("in/a.yaml", "r1"), row("in/a.yaml", "r2")],
            },
            IndexEntry {
                file: "a b.md".into(),
                rows: vec![row("in/a.yaml", "r1")],
            },
        ];
        let md = index(&entries);
        assert!(
            md.contains("| [C](a.md) | 2008-01-01 | r2 | - | - | ready | 0.0% |"),
            "{md}"
        );
        assert!(md.contains("| [C](a%20b.md) | 2008-01-01 | r1 |"), "{md}");
    }

    fn row(file: &str, ruleset: &str) -> SummaryRow {
        SummaryRow {
            country: "C".into(),
            as_of: "2008-01-01".into(),
            file: file.into(),
            ruleset: ruleset.into(),
            score: None,
            band: None,
            verdict: "ready",
            coverage: Decimal::ZERO,
        }
    }
}
