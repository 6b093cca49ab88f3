//! Text for a terminal: a summary per rule set, the benchmark table, the ranked gaps with what
//! closes them, and how the numbers were made. Colour only when [`Style::color`] says so.

use std::fmt::Write;

use anstyle::{AnsiColor, Effects, Style as Paint};
use comfy_table::{Cell, ContentArrangement, Table, presets};
use rust_decimal::Decimal;

use super::{Style, SummaryRow};
use crate::gaps::{Verdict, human};
use crate::report::{CriterionReport, Report, RuleSetReport};

pub fn report(r: &Report, style: Style) -> String {
    let mut out = String::new();
    let p = Painter(style.color);
    let _ = writeln!(
        out,
        "{}",
        p.paint(
            &format!("{} — readiness as of {}", r.country, r.as_of),
            bold()
        )
    );
    if !r.assessors.is_empty() {
        let _ = writeln!(out, "Assessors: {}", r.assessors.join(", "));
    }
    if let Some(notes) = &r.notes {
        let _ = writeln!(out, "Notes: {notes}");
    }
    let _ = writeln!(
        out,
        "Assessment: {}   Engine: {} {}",
        r.file, r.engine.name, r.engine.version
    );
    for rs in &r.rulesets {
        out.push('\n');
        ruleset(&mut out, rs, style, p);
    }
    out.push('\n');
    let _ = writeln!(out, "{}", p.paint("How the numbers were made", bold()));
    for line in &r.method {
        let _ = writeln!(out, "  - {line}");
    }
    out
}

/// The table of several assessments: country by rule set.
pub fn comparison(rows: &[SummaryRow], style: Style) -> String {
    let mut t = table(style);
    t.set_header([
        "country", "as of", "rule set", "score", "band", "verdict", "coverage",
    ]);
    for row in rows {
        t.add_row([
            row.country.clone(),
            row.as_of.clone(),
            row.ruleset.clone(),
            pct(row.score),
            row.band.clone().unwrap_or_else(|| "-".into()),
            row.verdict.to_owned(),
            format!("{}%", human(row.coverage)),
        ]);
    }
    format!("{t}\n")
}

fn ruleset(out: &mut String, rs: &RuleSetReport, style: Style, p: Painter) {
    let _ = writeln!(
        out,
        "{}",
        p.paint(
            &format!("== {} ({} {}) ==", rs.title, rs.id, rs.version),
            bold()
        )
    );
    let _ = writeln!(
        out,
        "Score {}  {}  Verdict: {}",
        p.paint(&pct(rs.score), bold()),
        rs.band.as_deref().unwrap_or("no band"),
        p.paint(rs.verdict.as_str(), verdict_colour(rs.verdict)),
    );
    for reason in &rs.reasons {
        let _ = writeln!(out, "  - {reason}");
    }
    if let Some(w) = &rs.without_waivers {
        let _ = writeln!(
            out,
            "Without waivers the verdict would be {}:",
            w.verdict.as_str()
        );
        for reason in &w.reasons {
            let _ = writeln!(out, "  - {reason}");
        }
    }
    let c = &rs.counts;
    let _ = writeln!(
        out,
        "Coverage {}% (minimum {}%), ready at {}%.  Criteria: {} met, {} partial, {} unmet, {} not assessed, {} not applicable",
        human(rs.coverage),
        human(rs.min_coverage),
        human(rs.ready_at),
        c.met,
        c.partial,
        c.unmet,
        c.not_assessed,
        c.not_applicable
    );
    let _ = writeln!(out, "Rules sha256 {}", rs.sha256);

    let mut t = table(style);
    t.set_header([
        "benchmark",
        "title",
        "weight",
        "aggregation",
        "score",
        "target",
        "coverage",
        "band",
        "minimum",
    ]);
    for b in &rs.benchmarks {
        let gate = match (b.min_score, b.min_score_met) {
            (Some(m), Some(true)) => format!("{}% passed", human(m)),
            (Some(m), Some(false)) => format!("{}% FAILED", human(m)),
            (Some(m), None) => format!("{}% (no score)", human(m)),
            (None, _) => "-".into(),
        };
        t.add_row(vec![
            Cell::new(&b.id),
            Cell::new(&b.title),
            Cell::new(b.weight.normalize()),
            Cell::new(b.aggregation.as_str()),
            Cell::new(if b.applicable {
                pct(b.score)
            } else {
                "n/a".into()
            }),
            Cell::new(pct(b.target)),
            Cell::new(pct(b.coverage)),
            Cell::new(b.band.as_deref().unwrap_or("-")),
            Cell::new(gate),
        ]);
    }
    let _ = writeln!(out, "\n{t}");

    if rs.gaps.is_empty() {
        let _ = writeln!(out, "\nNo gaps: every rated criterion meets its target.");
    } else {
        let _ = writeln!(
            out,
            "\n{}",
            p.paint("Gaps, largest first (required criteria lead)", bold())
        );
        let mut t = table(style);
        t.set_header([
            "#",
            "criterion",
            "title",
            "current",
            "target",
            "gap",
            "points",
            "required",
        ]);
        let gaps: Vec<&CriterionReport> = rs
            .gaps
            .iter()
            .filter_map(|id| rs.criteria.iter().find(|c| &c.id == id))
            .collect();
        for (i, c) in gaps.iter().enumerate() {
            t.add_row([
                (i + 1).to_string(),
                c.id.clone(),
                c.title.clone(),
                current(c),
                target(c),
                pct(c.gap),
                c.points.map_or("-".into(), human),
                if c.required { "yes".into() } else { "".into() },
            ]);
        }
        let _ = writeln!(out, "{t}");
        for (i, c) in gaps.iter().enumerate() {
            let _ = writeln!(out, "\n{}. {} {}", i + 1, p.paint(&c.id, bold()), c.title);
            details(out, c);
        }
    }
    let list = |out: &mut String, title: &str, ids: &[String]| {
        if !ids.is_empty() {
            let _ = writeln!(out, "\n{title}: {}", ids.join(", "));
        }
    };
    list(out, "Not assessed", &rs.not_assessed);
    for c in &rs.criteria {
        if let Some(why) = &c.not_applicable {
            let _ = writeln!(out, "\nNot applicable: {} {}: {why}", c.id, c.title);
        }
    }
    list(out, "Unsupported (rated without evidence)", &rs.unsupported);
    list(
        out,
        "Stale (evidence older than the rule set allows)",
        &rs.stale,
    );
    for w in &rs.waivers {
        let _ = writeln!(
            out,
            "\nWaiver {}{}: {} (approved by {}{})",
            w.criterion,
            if w.expired {
                " [EXPIRED, no effect]"
            } else {
                ""
            },
            w.justification,
            w.approved_by.as_deref().unwrap_or("-"),
            w.expires
                .map(|e| format!(", expires {e}"))
                .unwrap_or_default()
        );
    }
}

fn details(out: &mut String, c: &CriterionReport) {
    if let Some(r) = &c.remediation {
        let _ = writeln!(out, "   Remediation: {r}");
    }
    if let Some(e) = &c.evidence {
        let _ = writeln!(out, "   Evidence: {e}");
    }
    if !c.sources.is_empty() {
        let _ = writeln!(out, "   Sources: {}", c.sources.join("; "));
    }
    let mut flags = vec![format!(
        "confidence {}",
        c.confidence.map_or("-", |x| x.as_str())
    )];
    if c.stale {
        flags.push("STALE".into());
    }
    if c.waived {
        flags.push("waived".into());
    }
    let _ = writeln!(out, "   {}", flags.join(", "));
    if !c.related.is_empty() {
        let items: Vec<String> = c
            .related
            .iter()
            .map(|r| match &r.title {
                Some(t) => format!("{} {} ({})", r.id, t, r.state),
                None => format!("{} ({})", r.id, r.state),
            })
            .collect();
        let _ = writeln!(out, "   Related: {}", items.join("; "));
    }
}

/// The rating in the criterion's own terms: `2 Moderately prepared`, `1.9 % of GDP`.
pub fn current(c: &CriterionReport) -> String {
    match (c.level, c.value) {
        (Some(l), _) => match &c.level_label {
            Some(label) => format!("{l} {label}"),
            None => l.to_string(),
        },
        (_, Some(v)) => format!("{} {}", v.normalize(), c.unit.as_deref().unwrap_or(""))
            .trim_end()
            .to_owned(),
        _ => "-".into(),
    }
}

/// The target in the criterion's own terms.
pub fn target(c: &CriterionReport) -> String {
    match &c.unit {
        Some(unit) => format!("{} {unit}", c.target_raw.normalize()),
        None => c.target_raw.normalize().to_string(),
    }
}

fn pct(d: Option<Decimal>) -> String {
    d.map_or_else(|| "-".into(), |d| format!("{}%", human(d)))
}

fn table(style: Style) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    match style.width {
        Some(w) => {
            t.set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(w);
        }
        None => {
            t.force_no_tty();
        }
    }
    t
}

#[derive(Clone, Copy)]
struct Painter(bool);

impl Painter {
    fn paint(self, text: &str, style: Paint) -> String {
        if self.0 {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }
}

fn bold() -> Paint {
    Paint::new().effects(Effects::BOLD)
}

fn verdict_colour(v: Verdict) -> Paint {
    let colour = match v {
        Verdict::Ready => AnsiColor::Green,
        Verdict::NotReady => AnsiColor::Red,
        Verdict::InsufficientEvidence => AnsiColor::Yellow,
    };
    Paint::new()
        .fg_color(Some(colour.into()))
        .effects(Effects::BOLD)
}
