//! HTML: one self-contained page per report, and an index page for a batch.
//!
//! The page carries the text report's content in the same order (header, a summary of every rule
//! set, then per rule set its verdict, benchmarks, largest gaps, ranked gaps, all criteria, the
//! lists and waivers; then provenance and how the numbers were made), laid out for reading on a
//! screen and on paper. It is hand-written markup with inline CSS and inline SVG: no scripts and
//! no external fetch of any kind, which a Content-Security-Policy meta tag also forbids.
//!
//! Every string that comes from an input file goes through `esc`, the one escaping helper, in
//! text, in attributes and inside SVG alike; strings the engine writes itself (verdicts, states,
//! the method) go through it too where they could hold one of the five characters. Floats appear
//! only as drawing coordinates, written with two decimals, so the same report gives the same bytes.

use std::f64::consts::PI;
use std::fmt::Write;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::text::{current, target};
use super::{IndexEntry, url_path};
use crate::gaps::{Verdict, human};
use crate::report::{BenchmarkReport, CriterionReport, RelatedReport, Report, RuleSetReport};
use crate::score::Status;

/// What the page may load: its own inline styles and `data:` images, nothing else. A constant
/// without `"`, `<` or `&`, written as is so it reads as it does in the CSP documentation.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// Bars in the largest-gaps chart.
const TOP_GAPS: usize = 10;

pub fn report(r: &Report) -> String {
    let mut out = String::new();
    let title = format!("{} — readiness as of {}", r.country, r.as_of);
    head(&mut out, &title);
    out.push_str("<main class=\"page\">\n<header class=\"masthead\">\n");
    out.push_str("<p class=\"eyebrow\">Readiness gap report</p>\n");
    let _ = writeln!(
        out,
        "<h1>{}</h1>\n<p class=\"subtitle\">Assessed as of <time datetime=\"{d}\">{d}</time></p>",
        esc(&r.country),
        d = esc(&r.as_of.to_string()),
    );
    out.push_str("<dl class=\"meta\">\n");
    if !r.assessors.is_empty() {
        let names: Vec<String> = r.assessors.iter().map(|a| esc(a)).collect();
        let _ = writeln!(out, "<dt>Assessors</dt><dd>{}</dd>", names.join(", "));
    }
    let _ = writeln!(
        out,
        "<dt>Assessment</dt><dd><code>{}</code></dd>",
        esc(&r.file)
    );
    let _ = writeln!(
        out,
        "<dt>Engine</dt><dd>{} {}</dd>",
        esc(r.engine.name),
        esc(r.engine.version)
    );
    if let Some(notes) = &r.notes {
        let _ = writeln!(out, "<dt>Notes</dt><dd class=\"notes\">{}</dd>", esc(notes));
    }
    out.push_str("</dl>\n</header>\n");

    contents(&mut out, r);
    summary(&mut out, r);
    for rs in &r.rulesets {
        ruleset(&mut out, rs);
    }
    provenance(&mut out, r);
    method(&mut out, r);
    let _ = writeln!(
        out,
        "<footer>Produced by {} {} from <code>{}</code>. The same inputs give the same page.</footer>",
        esc(r.engine.name),
        esc(r.engine.version),
        esc(&r.file)
    );
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The index page of a directory of per-report pages: the comparison table (country by rule
/// set), each country linking to its report, then every page written. `written` holds (file
/// name, input file stem) in input order; the rows of one report are consecutive and share `file`.
pub fn index(entries: &[IndexEntry]) -> String {
    let mut out = String::new();
    head(&mut out, "Readiness reports");
    out.push_str("<main class=\"page\">\n<header class=\"masthead\">\n");
    out.push_str("<p class=\"eyebrow\">Readiness gap reports</p>\n<h1>Comparison</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"subtitle\">{} {}, one row per rule set.</p>",
        entries.len(),
        if entries.len() == 1 {
            "report"
        } else {
            "reports"
        }
    );
    out.push_str("</header>\n<section aria-labelledby=\"cmp-h\">\n<h2 id=\"cmp-h\">Scores</h2>\n");
    if entries.iter().all(|e| e.rows.is_empty()) {
        out.push_str("<p>No reports.</p>\n");
    } else {
        out.push_str("<div class=\"scroll\"><table class=\"data\">\n<thead><tr><th scope=\"col\">Country</th><th scope=\"col\">As of</th><th scope=\"col\">Rule set</th><th scope=\"col\" class=\"num\">Score</th><th scope=\"col\">Band</th><th scope=\"col\">Verdict</th><th scope=\"col\" class=\"num\">Coverage</th></tr></thead>\n<tbody>\n");
        for (entry, row) in entries
            .iter()
            .flat_map(|e| e.rows.iter().map(move |r| (e, r)))
        {
            let country = format!(
                "<a href=\"{}\">{}</a>",
                esc(&url_path(&entry.file)),
                esc(&row.country)
            );
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{country}</th><td class=\"nowrap\">{}</td><td><code>{}</code></td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}%</td></tr>",
                esc(&row.as_of),
                esc(&row.ruleset),
                pct(row.score),
                esc(row.band.as_deref().unwrap_or("–")),
                verdict_badge_str(row.verdict),
                human(row.coverage),
            );
        }
        out.push_str("</tbody>\n</table></div>\n");
    }
    out.push_str("</section>\n");
    if !entries.is_empty() {
        out.push_str("<section aria-labelledby=\"files-h\">\n<h2 id=\"files-h\">Reports</h2>\n<ul class=\"plain\">\n");
        for entry in entries {
            let title = entry.rows.first().map_or_else(
                || entry.file.clone(),
                |r| format!("{}, {}", r.country, r.as_of),
            );
            let _ = writeln!(
                out,
                "<li><a href=\"{}\">{}</a> <span class=\"muted\">({})</span></li>",
                esc(&url_path(&entry.file)),
                esc(&title),
                esc(&entry.file)
            );
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The document head: CSP, the title and the stylesheet. Opens `<body>`.
fn head(out: &mut String, title: &str) {
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>",
        esc(title)
    );
}

fn contents(out: &mut String, r: &Report) {
    out.push_str("<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n<li><a href=\"#summary\">Summary</a></li>\n");
    for rs in &r.rulesets {
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\">{}</a></li>",
            esc(&anchor("rs", &rs.id)),
            esc(&rs.title)
        );
    }
    out.push_str("<li><a href=\"#provenance\">Provenance</a></li>\n<li><a href=\"#method\">How the scores were computed</a></li>\n</ol>\n</nav>\n");
}

/// One card per rule set: score, band, verdict with reasons, coverage and counts.
fn summary(out: &mut String, r: &Report) {
    out.push_str("<section class=\"summary\" id=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Summary</h2>\n");
    if r.rulesets.is_empty() {
        out.push_str("<p>No rule set was scored.</p>\n");
    }
    out.push_str("<div class=\"cards\">\n");
    for rs in &r.rulesets {
        let _ = writeln!(
            out,
            "<article class=\"card {v}\">\n<h3><a href=\"#{}\">{}</a></h3>\n<p class=\"rsid\"><code>{}</code> version {}</p>",
            esc(&anchor("rs", &rs.id)),
            esc(&rs.title),
            esc(&rs.id),
            esc(&rs.version),
            v = rs.verdict.as_str(),
        );
        let _ = writeln!(
            out,
            "<p class=\"headline\"><span class=\"score\">{}</span> <span class=\"band\">{}</span></p>",
            pct(rs.score),
            esc(rs.band.as_deref().unwrap_or("no band"))
        );
        meter(out, rs);
        let _ = writeln!(
            out,
            "<p class=\"verdict\">Verdict {}</p>",
            verdict_badge(rs.verdict)
        );
        reasons(out, &rs.reasons);
        let _ = writeln!(
            out,
            "<p class=\"small\">Coverage {}% (minimum {}%) · ready at {}%</p>",
            human(rs.coverage),
            human(rs.min_coverage),
            human(rs.ready_at)
        );
        counts(out, rs);
        out.push_str("</article>\n");
    }
    out.push_str("</div>\n</section>\n");
}

/// The score on a 0–100 track with the ready mark.
fn meter(out: &mut String, rs: &RuleSetReport) {
    let label = format!(
        "Score {} against the ready mark of {}%",
        pct(rs.score),
        human(rs.ready_at)
    );
    let w = 300.0;
    let score = rs.score.map_or(0.0, |s| unit(s) * w);
    let mark = unit(rs.ready_at) * w;
    let _ = writeln!(
        out,
        "<svg class=\"meter\" viewBox=\"0 0 300 16\" role=\"img\" aria-label=\"{l}\"><title>{l}</title><rect class=\"track\" x=\"0\" y=\"3\" width=\"300\" height=\"10\" rx=\"2\"/><rect class=\"fill\" x=\"0\" y=\"3\" width=\"{}\" height=\"10\" rx=\"2\"/><line class=\"mark\" x1=\"{m}\" y1=\"0\" x2=\"{m}\" y2=\"16\"/></svg>",
        f(score),
        l = esc(&label),
        m = f(mark),
    );
}

fn counts(out: &mut String, rs: &RuleSetReport) {
    let c = &rs.counts;
    let _ = writeln!(
        out,
        "<ul class=\"counts\"><li><b>{}</b> met</li><li><b>{}</b> partial</li><li><b>{}</b> unmet</li><li><b>{}</b> not assessed</li><li><b>{}</b> not applicable</li></ul>",
        c.met, c.partial, c.unmet, c.not_assessed, c.not_applicable
    );
}

fn reasons(out: &mut String, reasons: &[String]) {
    if reasons.is_empty() {
        return;
    }
    out.push_str("<ul class=\"reasons\">\n");
    for reason in reasons {
        let _ = writeln!(out, "<li>{}</li>", esc(reason));
    }
    out.push_str("</ul>\n");
}

fn ruleset(out: &mut String, rs: &RuleSetReport) {
    let _ = writeln!(
        out,
        "<section class=\"ruleset\" id=\"{}\" aria-labelledby=\"{}-h\">\n<h2 id=\"{}-h\">{} <span class=\"muted\"><code>{}</code> {}</span></h2>",
        esc(&anchor("rs", &rs.id)),
        esc(&anchor("rs", &rs.id)),
        esc(&anchor("rs", &rs.id)),
        esc(&rs.title),
        esc(&rs.id),
        esc(&rs.version)
    );

    // Verdict.
    let _ = writeln!(
        out,
        "<div class=\"verdict-block\">\n<p class=\"headline\"><span class=\"score\">{}</span> <span class=\"band\">{}</span> {}</p>",
        pct(rs.score),
        esc(rs.band.as_deref().unwrap_or("no band")),
        verdict_badge(rs.verdict)
    );
    reasons(out, &rs.reasons);
    if let Some(w) = &rs.without_waivers {
        let _ = writeln!(
            out,
            "<p>Without waivers the verdict would be {}</p>",
            verdict_badge(w.verdict)
        );
        reasons(out, &w.reasons);
    }
    let _ = writeln!(
        out,
        "<p class=\"small\">Coverage {}% (minimum {}%), ready at {}%. Rules SHA-256 <code class=\"hash\">{}</code></p>",
        human(rs.coverage),
        human(rs.min_coverage),
        human(rs.ready_at),
        esc(&rs.sha256)
    );
    counts(out, rs);
    out.push_str("</div>\n");

    // Benchmarks: radar beside the table.
    let applicable: Vec<&BenchmarkReport> = rs.benchmarks.iter().filter(|b| b.applicable).collect();
    out.push_str("<h3>Benchmarks</h3>\n<div class=\"figure-row\">\n<figure class=\"chart\">\n");
    match applicable.len() {
        0 => out.push_str("<p class=\"muted\">No applicable benchmark to chart.</p>\n"),
        1 | 2 => benchmark_bars(out, rs, &applicable),
        _ => radar(out, rs, &applicable),
    }
    out.push_str("<figcaption>Benchmark scores (solid) against their targets (dashed). The table holds the same numbers.</figcaption>\n</figure>\n");
    benchmark_table(out, rs);
    out.push_str("</div>\n");

    // Gaps.
    let gaps: Vec<&CriterionReport> = rs
        .gaps
        .iter()
        .filter_map(|id| rs.criteria.iter().find(|c| &c.id == id))
        .collect();
    if gaps.is_empty() {
        out.push_str("<h3>Gaps</h3>\n<p>No gaps: every rated criterion meets its target.</p>\n");
    } else {
        out.push_str("<h3>Largest gaps by points</h3>\n<div class=\"figure-row\">\n<figure class=\"chart\">\n");
        let top = largest(&gaps);
        gap_bars(out, rs, &top);
        out.push_str("<figcaption>Rule-set score points each gap costs; darker bars are required criteria. The table holds the same numbers.</figcaption>\n</figure>\n");
        out.push_str("<div class=\"data\"><table class=\"data\">\n<caption>Largest gaps by points <span class=\"muted\">(# is the rank among all gaps)</span></caption>\n<thead><tr><th scope=\"col\" class=\"num\" title=\"Rank in the ranked gap table\">#</th><th scope=\"col\">Criterion</th><th scope=\"col\" class=\"num\">Gap</th><th scope=\"col\" class=\"num\">Points</th><th scope=\"col\">Required</th></tr></thead>\n<tbody>\n");
        for (rank, c) in &top {
            let _ = writeln!(
                out,
                "<tr><td class=\"num\">{rank}</td><th scope=\"row\"><a href=\"#{}\"><code>{}</code></a> {}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                esc(&anchor("g", &c.id)),
                esc(&c.id),
                esc(&c.title),
                pct(c.gap),
                c.points.map_or("–".into(), human),
                if c.required { "yes" } else { "" }
            );
        }
        out.push_str("</tbody>\n</table></div>\n</div>\n");
        gap_table(out, &gaps);
    }

    lists(out, rs);
    waivers(out, rs);
    criteria_table(out, rs);
    out.push_str("</section>\n");
}

fn benchmark_table(out: &mut String, rs: &RuleSetReport) {
    out.push_str("<div class=\"data\"><table class=\"data\">\n<caption>Benchmarks</caption>\n<thead><tr><th scope=\"col\">Benchmark</th><th scope=\"col\" class=\"num\">Score</th><th scope=\"col\" class=\"num\">Target</th><th scope=\"col\" class=\"num\">Coverage</th><th scope=\"col\">Band</th><th scope=\"col\">Minimum</th></tr></thead>\n<tbody>\n");
    for b in &rs.benchmarks {
        let gate = match (b.min_score, b.min_score_met) {
            (Some(m), Some(true)) => {
                format!("{}% <span class=\"chip met\">passed</span>", human(m))
            }
            (Some(m), Some(false)) => {
                format!("{}% <span class=\"chip unmet\">failed</span>", human(m))
            }
            (Some(m), None) => format!("{}% (no score)", human(m)),
            (None, _) => "–".into(),
        };
        let _ = writeln!(
            out,
            "<tr id=\"{}\"><th scope=\"row\"><code>{}</code> {}<div class=\"sub\">weight {} · {} of criteria{}</div></th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{gate}</td></tr>",
            esc(&anchor("b", &b.id)),
            esc(&b.id),
            esc(&b.title),
            b.weight.normalize(),
            b.aggregation.as_str(),
            if b.applicable {
                ""
            } else {
                " · not applicable"
            },
            if b.applicable {
                pct(b.score)
            } else {
                "n/a".into()
            },
            pct(b.target),
            pct(b.coverage),
            esc(b.band.as_deref().unwrap_or("–")),
        );
    }
    out.push_str("</tbody>\n</table></div>\n");
}

/// The ranked gaps: one `<tbody>` per gap, its figures on the first row and what closes it on
/// the second, so print never separates the two.
fn gap_table(out: &mut String, gaps: &[&CriterionReport]) {
    out.push_str("<h3>Ranked gaps</h3>\n<p class=\"small\">Required criteria first, then by points (what the rule-set score gains when the criterion reaches its target), then by id.</p>\n");
    out.push_str("<div class=\"scroll\"><table class=\"data gaps\">\n<thead><tr><th scope=\"col\" class=\"num\">#</th><th scope=\"col\">Criterion</th><th scope=\"col\">Current</th><th scope=\"col\">Target</th><th scope=\"col\" class=\"num\">Gap</th><th scope=\"col\" class=\"num\">Points</th><th scope=\"col\">Required</th></tr></thead>\n");
    for (i, c) in gaps.iter().enumerate() {
        let _ = writeln!(
            out,
            "<tbody class=\"gap\" id=\"{}\">\n<tr class=\"figures\"><td class=\"num\">{}</td><th scope=\"row\"><a href=\"#{}\"><code>{}</code></a> {} {}</th><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&anchor("g", &c.id)),
            i + 1,
            esc(&anchor("c", &c.id)),
            esc(&c.id),
            esc(&c.title),
            status_chip(c.status),
            esc(&current(c)),
            esc(&target(c)),
            pct(c.gap),
            c.points.map_or("–".into(), human),
            if c.required {
                "<span class=\"chip required\">required</span>"
            } else {
                ""
            }
        );
        out.push_str("<tr class=\"details\"><td></td><td colspan=\"6\">\n");
        details(out, c);
        out.push_str("</td></tr>\n</tbody>\n");
    }
    out.push_str("</table></div>\n");
}

/// Remediation, evidence, sources, related items, confidence and flags of a criterion.
fn details(out: &mut String, c: &CriterionReport) {
    out.push_str("<dl class=\"details\">\n");
    if let Some(r) = &c.remediation {
        let _ = writeln!(out, "<dt>Remediation</dt><dd>{}</dd>", esc(r));
    }
    if let Some(why) = &c.not_applicable {
        let _ = writeln!(out, "<dt>Not applicable</dt><dd>{}</dd>", esc(why));
    }
    match &c.evidence {
        Some(e) => {
            let _ = writeln!(out, "<dt>Evidence</dt><dd>{}</dd>", esc(e));
        }
        None if c.status != Status::NotAssessed && c.not_applicable.is_none() => {
            out.push_str("<dt>Evidence</dt><dd class=\"muted\">none given (unsupported)</dd>\n");
        }
        None => {}
    }
    if !c.sources.is_empty() {
        out.push_str("<dt>Sources</dt><dd><ul class=\"sources\">");
        for s in &c.sources {
            let _ = write!(out, "<li>{}</li>", esc(s));
        }
        out.push_str("</ul></dd>\n");
    }
    if !c.related.is_empty() {
        out.push_str("<dt>Related</dt><dd><ul class=\"related\">");
        for r in &c.related {
            related(out, r);
        }
        out.push_str("</ul></dd>\n");
    }
    let mut flags = vec![format!(
        "confidence {}",
        c.confidence.map_or("–", |x| x.as_str())
    )];
    if let Some(d) = c.rated_as_of {
        flags.push(format!("rated as of {d}"));
    }
    if let Some(w) = c.effective_weight {
        flags.push(format!("{}% of the rule-set score", human(w)));
    }
    if c.stale {
        flags.push("<span class=\"chip stale\">stale</span>".into());
    }
    if c.waived {
        flags.push("<span class=\"chip waived\">waived</span>".into());
    }
    let _ = writeln!(out, "<dt>Rating</dt><dd>{}</dd>", flags.join(" · "));
    out.push_str("</dl>\n");
}

fn related(out: &mut String, r: &RelatedReport) {
    let is_criterion = [
        Status::Met,
        Status::Partial,
        Status::Unmet,
        Status::NotAssessed,
        Status::NotApplicable,
    ]
    .iter()
    .any(|s| s.as_str() == r.state);
    let target = if is_criterion {
        Some(anchor("c", &r.id))
    } else if r.state == "scored" {
        Some(anchor("b", &r.id))
    } else {
        None
    };
    let id = match target {
        Some(t) => format!("<a href=\"#{}\"><code>{}</code></a>", esc(&t), esc(&r.id)),
        None => format!("<code>{}</code>", esc(&r.id)),
    };
    let title = r
        .title
        .as_deref()
        .map(|t| format!(" {}", esc(t)))
        .unwrap_or_default();
    let score = r
        .score
        .map(|s| format!(", {}%", human(s)))
        .unwrap_or_default();
    let _ = write!(
        out,
        "<li>{id}{title} <span class=\"state\">({}{score})</span></li>",
        esc(&r.state)
    );
}

/// Every criterion, grouped by benchmark, with its state; evidence of criteria that are not gaps
/// (a gap's is in the ranked table).
fn criteria_table(out: &mut String, rs: &RuleSetReport) {
    out.push_str("<h3>All criteria</h3>\n<p class=\"small\">Every criterion by benchmark. Score and target score are the rating and the target as a percentage of the scale (or of the way from floor to target); share is the criterion's effective weight in the rule-set score.</p>\n<div class=\"scroll\"><table class=\"data criteria\">\n<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\">Status</th><th scope=\"col\">Current</th><th scope=\"col\">Target</th><th scope=\"col\" class=\"num\">Score</th><th scope=\"col\" class=\"num\">Target score</th><th scope=\"col\" class=\"num\" title=\"Share of the rule-set score (effective weight)\">Share</th><th scope=\"col\">Confidence</th></tr></thead>\n");
    for b in &rs.benchmarks {
        let _ = writeln!(
            out,
            "<tbody class=\"group\">\n<tr class=\"group-head\"><th colspan=\"8\" scope=\"rowgroup\"><code>{}</code> {}</th></tr>",
            esc(&b.id),
            esc(&b.title)
        );
        for c in rs.criteria.iter().filter(|c| c.benchmark == b.id) {
            let rank = rs.gaps.iter().position(|g| *g == c.id);
            let mut flags = String::new();
            if c.required {
                flags.push_str(" <span class=\"chip required\">required</span>");
            }
            if c.stale {
                flags.push_str(" <span class=\"chip stale\">stale</span>");
            }
            if c.waived {
                flags.push_str(" <span class=\"chip waived\">waived</span>");
            }
            let _ = writeln!(
                out,
                "<tr class=\"crit\" id=\"{}\"><th scope=\"row\"><code>{}</code> {}{flags}</th><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}%</td><td class=\"num\">{}</td><td>{}</td></tr>",
                esc(&anchor("c", &c.id)),
                esc(&c.id),
                esc(&c.title),
                status_chip(c.status),
                esc(&current(c)),
                esc(&target(c)),
                pct(c.score),
                human(c.target),
                pct(c.effective_weight),
                c.confidence.map_or("–", |x| x.as_str()),
            );
            match rank {
                Some(i) => {
                    let _ = writeln!(
                        out,
                        "<tr class=\"details\"><td colspan=\"8\"><p class=\"small\">Gap {} of the ranked table: <a href=\"#{}\">remediation, evidence and sources</a>.</p></td></tr>",
                        i + 1,
                        esc(&anchor("g", &c.id))
                    );
                }
                None => {
                    out.push_str("<tr class=\"details\"><td colspan=\"8\">\n");
                    details(out, c);
                    out.push_str("</td></tr>\n");
                }
            }
        }
        out.push_str("</tbody>\n");
    }
    out.push_str("</table></div>\n");
}

fn lists(out: &mut String, rs: &RuleSetReport) {
    out.push_str("<h3>Not assessed, unsupported and stale</h3>\n<dl class=\"lists\">\n");
    for (title, ids) in [
        ("Not assessed", &rs.not_assessed),
        ("Unsupported (rated without evidence)", &rs.unsupported),
        ("Stale (evidence older than the rule set allows)", &rs.stale),
    ] {
        let _ = write!(out, "<dt>{title}</dt><dd>");
        if ids.is_empty() {
            out.push_str("<span class=\"muted\">none</span>");
        } else {
            let links: Vec<String> = ids
                .iter()
                .map(|id| {
                    format!(
                        "<a href=\"#{}\"><code>{}</code></a>",
                        esc(&anchor("c", id)),
                        esc(id)
                    )
                })
                .collect();
            out.push_str(&links.join(", "));
        }
        out.push_str("</dd>\n");
    }
    out.push_str("</dl>\n");
}

fn waivers(out: &mut String, rs: &RuleSetReport) {
    out.push_str("<h3>Waivers</h3>\n");
    if rs.waivers.is_empty() {
        out.push_str("<p class=\"muted\">None.</p>\n");
        return;
    }
    out.push_str("<div class=\"scroll\"><table class=\"data\">\n<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\">Justification</th><th scope=\"col\">Approved by</th><th scope=\"col\">Expires</th><th scope=\"col\">State</th></tr></thead>\n<tbody>\n");
    for w in &rs.waivers {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><a href=\"#{}\"><code>{}</code></a></th><td>{}</td><td>{}</td><td class=\"nowrap\">{}</td><td>{}</td></tr>",
            esc(&anchor("c", &w.criterion)),
            esc(&w.criterion),
            esc(&w.justification),
            esc(w.approved_by.as_deref().unwrap_or("–")),
            w.expires.map_or("–".into(), |e| esc(&e.to_string())),
            if w.expired {
                "<span class=\"chip unmet\">expired, no effect</span>"
            } else {
                "<span class=\"chip met\">in force</span>"
            }
        );
    }
    out.push_str("</tbody>\n</table></div>\n");
}

fn provenance(out: &mut String, r: &Report) {
    out.push_str("<section class=\"provenance\" id=\"provenance\" aria-labelledby=\"provenance-h\">\n<h2 id=\"provenance-h\">Provenance</h2>\n");
    out.push_str("<p>The exact inputs behind these numbers: the engine, the assessment file and the SHA-256 of each rule-set file's bytes.</p>\n");
    let _ = writeln!(
        out,
        "<dl class=\"meta\"><dt>Engine</dt><dd>{} {}</dd><dt>Assessment</dt><dd><code>{}</code></dd></dl>",
        esc(r.engine.name),
        esc(r.engine.version),
        esc(&r.file)
    );
    out.push_str("<div class=\"scroll\"><table class=\"data\">\n<thead><tr><th scope=\"col\">Rule set</th><th scope=\"col\">Title</th><th scope=\"col\">Version</th><th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n");
    for rs in &r.rulesets {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><code>{}</code></th><td>{}</td><td>{}</td><td><code class=\"hash\">{}</code></td></tr>",
            esc(&rs.id),
            esc(&rs.title),
            esc(&rs.version),
            esc(&rs.sha256)
        );
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

fn method(out: &mut String, r: &Report) {
    out.push_str("<section class=\"method\" id=\"method\" aria-labelledby=\"method-h\">\n<h2 id=\"method-h\">How the scores were computed</h2>\n<ol class=\"method\">\n");
    for line in &r.method {
        let _ = writeln!(out, "<li>{}</li>", esc(line));
    }
    out.push_str("</ol>\n");
    for rs in &r.rulesets {
        let _ = writeln!(
            out,
            "<h3>{} <span class=\"muted\"><code>{}</code></span></h3>\n<ul class=\"aggregation\">",
            esc(&rs.title),
            esc(&rs.id)
        );
        for b in &rs.benchmarks {
            let how = match b.aggregation {
                crate::model::Aggregation::Mean => {
                    "weighted mean of its rated, applicable criteria"
                }
                crate::model::Aggregation::Min => "minimum of its rated, applicable criteria",
            };
            let _ = writeln!(
                out,
                "<li><code>{}</code> {}: <b>{}</b>, the {how}; weight {} in the rule-set score{}.</li>",
                esc(&b.id),
                esc(&b.title),
                b.aggregation.as_str(),
                b.weight.normalize(),
                if b.applicable {
                    ""
                } else {
                    " (not applicable: left out)"
                }
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

// ---------------------------------------------------------------------------------------------
// Charts: hand-written SVG. Floats only for coordinates, always through `f`.

/// Radar of benchmark scores against targets, for three or more benchmarks.
fn radar(out: &mut String, rs: &RuleSetReport, bs: &[&BenchmarkReport]) {
    let (w, h) = (420.0, 410.0);
    let (cx, cy, radius) = (210.0, 200.0, 140.0);
    let n = bs.len();
    let angle = |i: usize| 2.0 * PI * i as f64 / n as f64 - PI / 2.0;
    let at = |i: usize, share: f64| {
        let a = angle(i);
        (cx + radius * share * a.cos(), cy + radius * share * a.sin())
    };
    let polygon = |share: &dyn Fn(usize) -> f64| -> String {
        (0..n)
            .map(|i| {
                let (x, y) = at(i, share(i));
                format!("{},{}", f(x), f(y))
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let label = chart_label(rs, bs);
    let _ = writeln!(
        out,
        "<svg class=\"radar\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{l}\">\n<title>{l}</title>",
        f(w),
        f(h),
        l = esc(&label)
    );
    out.push_str("<g class=\"grid\">\n");
    for step in 1..=5 {
        let share = f64::from(step) / 5.0;
        let _ = writeln!(out, "<polygon points=\"{}\"/>", polygon(&|_| share));
    }
    for i in 0..n {
        let (x, y) = at(i, 1.0);
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            f(cx),
            f(cy),
            f(x),
            f(y)
        );
    }
    out.push_str("</g>\n<g class=\"ticks\">\n");
    for step in 1..=5 {
        let (_, y) = at(0, f64::from(step) / 5.0);
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            f(cx + 4.0),
            f(y + 11.0),
            step * 20
        );
    }
    out.push_str("</g>\n");
    let target = |i: usize| bs.get(i).and_then(|b| b.target).map_or(0.0, unit);
    let score = |i: usize| bs.get(i).and_then(|b| b.score).map_or(0.0, unit);
    let _ = writeln!(
        out,
        "<polygon class=\"target\" points=\"{}\"/>\n<polygon class=\"score\" points=\"{}\"/>",
        polygon(&target),
        polygon(&score)
    );
    for (i, b) in bs.iter().enumerate() {
        let (x, y) = at(i, score(i));
        let _ = writeln!(
            out,
            "<circle class=\"dot\" cx=\"{}\" cy=\"{}\" r=\"3.5\"><title>{}</title></circle>",
            f(x),
            f(y),
            esc(&point_label(b))
        );
    }
    for (i, b) in bs.iter().enumerate() {
        let a = angle(i);
        let (x, y) = at(i, 1.0);
        let (dx, dy) = (a.cos(), a.sin());
        let anchor = if dx > 0.3 {
            "start"
        } else if dx < -0.3 {
            "end"
        } else {
            "middle"
        };
        // Two lines (id, score) placed off the vertex: above it at the top, below it at the
        // bottom, centred on it at the sides.
        let lx = x + dx * 10.0;
        let ly = y
            + dy * 10.0
            + if dy < -0.3 {
                -16.0
            } else if dy > 0.3 {
                10.0
            } else {
                -2.0
            };
        let _ = writeln!(
            out,
            "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{}<tspan class=\"value\" x=\"{}\" dy=\"14\">{}</tspan></text>",
            f(lx),
            f(ly),
            esc(&b.id),
            f(lx),
            pct(b.score)
        );
    }
    legend(out, 20.0, h - 16.0);
    out.push_str("</svg>\n");
}

/// Horizontal bars against a 0–100 axis with a target tick, for one or two benchmarks, where a
/// radar would be a line or a point.
fn benchmark_bars(out: &mut String, rs: &RuleSetReport, bs: &[&BenchmarkReport]) {
    let (x0, width, row) = (90.0, 300.0, 40.0);
    let h = 30.0 + row * bs.len() as f64 + 40.0;
    let label = chart_label(rs, bs);
    let _ = writeln!(
        out,
        "<svg class=\"bars\" viewBox=\"0 0 440 {}\" role=\"img\" aria-label=\"{l}\">\n<title>{l}</title>",
        f(h),
        l = esc(&label)
    );
    out.push_str("<g class=\"grid\">\n");
    for step in 0..=5 {
        let x = x0 + width * f64::from(step) / 5.0;
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"20\" x2=\"{}\" y2=\"{}\"/>",
            f(x),
            f(x),
            f(20.0 + row * bs.len() as f64)
        );
    }
    out.push_str("</g>\n<g class=\"ticks\">\n");
    for step in 0..=5 {
        let x = x0 + width * f64::from(step) / 5.0;
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"14\" text-anchor=\"middle\">{}</text>",
            f(x),
            step * 20
        );
    }
    out.push_str("</g>\n");
    for (i, b) in bs.iter().enumerate() {
        let y = 20.0 + row * i as f64;
        let s = b.score.map_or(0.0, unit) * width;
        let t = x0 + b.target.map_or(0.0, unit) * width;
        let _ = writeln!(
            out,
            "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"bar-score\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\"><title>{}</title></rect><line class=\"target-tick\" x1=\"{t}\" y1=\"{}\" x2=\"{t}\" y2=\"{}\"/><text class=\"value\" x=\"{}\" y=\"{}\">{}</text>",
            f(x0 - 8.0),
            f(y + 24.0),
            esc(&b.id),
            f(x0),
            f(y + 11.0),
            f(s),
            esc(&point_label(b)),
            f(y + 6.0),
            f(y + 34.0),
            f(x0 + width + 6.0),
            f(y + 24.0),
            pct(b.score),
            t = f(t),
        );
    }
    legend(out, 20.0, h - 16.0);
    out.push_str("</svg>\n");
}

/// Horizontal bars of the largest gaps by points, the longest bar the largest gap.
fn gap_bars(out: &mut String, rs: &RuleSetReport, top: &[(usize, &CriterionReport)]) {
    let (x0, width, row) = (100.0, 280.0, 28.0);
    let max = top
        .iter()
        .filter_map(|(_, c)| c.points)
        .max()
        .map_or(0.0, |d| d.to_f64().unwrap_or(0.0));
    let scale = if max > 0.0 { width / max } else { 0.0 };
    let h = 16.0 + row * top.len() as f64 + 30.0;
    let items: Vec<String> = top
        .iter()
        .map(|(_, c)| format!("{} {} points", c.id, c.points.map_or("–".into(), human)))
        .collect();
    let label = format!(
        "Bar chart of the {} largest gaps of {} by rule-set score points: {}.",
        top.len(),
        rs.title,
        items.join("; ")
    );
    let _ = writeln!(
        out,
        "<svg class=\"bars\" viewBox=\"0 0 440 {}\" role=\"img\" aria-label=\"{l}\">\n<title>{l}</title>",
        f(h),
        l = esc(&label)
    );
    let bottom = 8.0 + row * top.len() as f64;
    let _ = writeln!(
        out,
        "<g class=\"grid\"><line x1=\"{x}\" y1=\"4\" x2=\"{x}\" y2=\"{}\"/><line x1=\"{x}\" y1=\"{b}\" x2=\"{}\" y2=\"{b}\"/></g>",
        f(bottom),
        f(x0 + width),
        x = f(x0),
        b = f(bottom),
    );
    for (i, (_, c)) in top.iter().enumerate() {
        let y = 8.0 + row * i as f64;
        let points = c.points.map_or(0.0, |d| d.to_f64().unwrap_or(0.0));
        let bar = (points * scale).clamp(0.0, width);
        let _ = writeln!(
            out,
            "<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\"><title>{}</title></rect><text class=\"value\" x=\"{}\" y=\"{}\">{}</text>",
            f(x0 - 8.0),
            f(y + 15.0),
            esc(&c.id),
            if c.required {
                "bar-required"
            } else {
                "bar-gap"
            },
            f(x0),
            f(y + 2.0),
            f(bar),
            esc(&format!(
                "{} {}: {} points, gap {}{}",
                c.id,
                c.title,
                c.points.map_or("–".into(), human),
                pct(c.gap),
                if c.required { ", required" } else { "" }
            )),
            f(x0 + bar + 6.0),
            f(y + 15.0),
            c.points.map_or("–".into(), human),
        );
    }
    let _ = writeln!(
        out,
        "<g class=\"ticks\"><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">0</text><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{} points</text></g>",
        f(x0),
        f(bottom + 14.0),
        f(x0 + width),
        f(bottom + 14.0),
        top.iter()
            .filter_map(|(_, c)| c.points)
            .max()
            .map_or("0.0".into(), human)
    );
    let _ = writeln!(
        out,
        "<g class=\"legend\"><rect class=\"bar-required\" x=\"20\" y=\"{y}\" width=\"12\" height=\"10\"/><text x=\"38\" y=\"{ty}\">required</text><rect class=\"bar-gap\" x=\"110\" y=\"{y}\" width=\"12\" height=\"10\"/><text x=\"128\" y=\"{ty}\">other</text></g>",
        y = f(h - 18.0),
        ty = f(h - 9.0),
    );
    out.push_str("</svg>\n");
}

fn legend(out: &mut String, x: f64, y: f64) {
    let _ = writeln!(
        out,
        "<g class=\"legend\"><line class=\"score-key\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/><text x=\"{}\" y=\"{}\">score</text><line class=\"target-key\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/><text x=\"{}\" y=\"{}\">target</text></g>",
        f(x),
        f(x + 24.0),
        f(x + 30.0),
        f(y + 4.0),
        f(x + 90.0),
        f(x + 114.0),
        f(x + 120.0),
        f(y + 4.0),
        y = f(y),
    );
}

/// The text alternative of a benchmark chart: every point in words.
fn chart_label(rs: &RuleSetReport, bs: &[&BenchmarkReport]) -> String {
    let points: Vec<String> = bs.iter().map(|b| point_label(b)).collect();
    format!(
        "Benchmark scores of {} against their targets: {}.",
        rs.title,
        points.join("; ")
    )
}

fn point_label(b: &BenchmarkReport) -> String {
    format!(
        "{} {}: score {}, target {}",
        b.id,
        b.title,
        pct(b.score),
        pct(b.target)
    )
}

/// The largest gaps by points with their rank in the ranked table; ties keep that order.
fn largest<'a>(gaps: &[&'a CriterionReport]) -> Vec<(usize, &'a CriterionReport)> {
    let mut top: Vec<(usize, &CriterionReport)> =
        gaps.iter().enumerate().map(|(i, c)| (i + 1, *c)).collect();
    top.sort_by_key(|(_, c)| std::cmp::Reverse(c.points));
    top.truncate(TOP_GAPS);
    top
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

/// The one escaping helper: `& < > " '` become character references. Every string from an input
/// file passes through it, whether it lands in text, an attribute or SVG.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A fragment id for an item: `prefix-` and the id with anything but `[A-Za-z0-9._-]` replaced.
fn anchor(prefix: &str, id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{prefix}-{safe}")
}

/// A percentage to one decimal, or a dash when undefined.
fn pct(d: Option<Decimal>) -> String {
    d.map_or_else(|| "–".into(), |d| format!("{}%", human(d)))
}

/// A percentage as a share of 1 for drawing, clamped to 0..1.
fn unit(d: Decimal) -> f64 {
    (d.to_f64().unwrap_or(0.0) / 100.0).clamp(0.0, 1.0)
}

/// A drawing coordinate: two decimals, never `-0.00`.
fn f(x: f64) -> String {
    let s = format!("{x:.2}");
    if s == "-0.00" { "0.00".into() } else { s }
}

fn verdict_badge(v: Verdict) -> String {
    verdict_badge_str(v.as_str())
}

/// A verdict badge: colour on screen, the words (and border style) in print and greyscale.
fn verdict_badge_str(v: &str) -> String {
    let words = match v {
        "ready" => "ready",
        "not-ready" => "not ready",
        "insufficient-evidence" => "insufficient evidence",
        other => other,
    };
    format!(
        "<span class=\"badge {}\">{}</span>",
        esc(&anchor("v", v)),
        esc(words)
    )
}

fn status_chip(s: Status) -> String {
    let words = match s {
        Status::Met => "met",
        Status::Partial => "partial",
        Status::Unmet => "unmet",
        Status::NotAssessed => "not assessed",
        Status::NotApplicable => "not applicable",
    };
    format!("<span class=\"chip {}\">{words}</span>", s.as_str())
}

const CSS: &str = r#"
:root {
  --ink: #1d2733; --muted: #5b6775; --line: #d8dee5; --soft: #f3f5f8; --accent: #1f5f99;
  --ready: #1b6e3f; --ready-bg: #e4f3ea; --notready: #a3261d; --notready-bg: #fbe8e6;
  --insufficient: #7d5300; --insufficient-bg: #fff2d6;
}
* { box-sizing: border-box; }
html {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans",
    "Liberation Sans", Arial, sans-serif;
  font-size: 15px; line-height: 1.5; color: var(--ink); background: #fff;
}
body { margin: 0; }
.page { max-width: 74rem; margin: 0 auto; padding: 2rem 1.75rem 4rem; }
h1 { font-size: 2.1rem; line-height: 1.2; margin: .1rem 0 .2rem; }
h2 { font-size: 1.45rem; line-height: 1.3; margin: 2.75rem 0 1rem; padding-bottom: .35rem;
  border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.1rem; margin: 2rem 0 .6rem; }
p, li, dd { max-width: 52rem; }
a { color: var(--accent); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  font-size: .88em; }
.hash { overflow-wrap: anywhere; word-break: break-all; }
.muted { color: var(--muted); font-weight: normal; }
.nowrap, table.data th[scope="row"] > code:first-child { white-space: nowrap; }
.small { font-size: .88rem; color: var(--muted); }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: .78rem; font-weight: 600;
  color: var(--muted); margin: 0; }
.subtitle { font-size: 1.1rem; color: var(--muted); margin: 0 0 1rem; }
.masthead { border-bottom: 1px solid var(--line); padding-bottom: 1rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.25rem; margin: 0; }
dl.meta dt { font-weight: 600; color: var(--muted); }
dl.meta dd { margin: 0; }
.notes { font-size: .95rem; }
nav.toc { margin: 1.25rem 0 0; font-size: .92rem; }
nav.toc h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .08em; border: 0;
  margin: 0 0 .3rem; padding: 0; color: var(--muted); }
nav.toc ol { margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(21rem, 1fr)); gap: 1rem; }
.card { border: 1px solid var(--line); border-left: 6px solid var(--muted); border-radius: 6px;
  padding: .9rem 1.1rem; background: #fff; }
.card.ready { border-left-color: var(--ready); }
.card.not-ready { border-left-color: var(--notready); }
.card.insufficient-evidence { border-left-color: var(--insufficient); border-left-style: dashed; }
.card h3 { margin: 0; font-size: 1.05rem; }
.card h3 a { color: inherit; text-decoration: none; }
.rsid { margin: .1rem 0 .5rem; font-size: .85rem; color: var(--muted); }
.headline { margin: .2rem 0 .3rem; }
.headline .score { font-size: 1.9rem; font-weight: 700; font-variant-numeric: tabular-nums;
  margin-right: .35rem; }
.headline .band { font-weight: 600; color: var(--muted); margin-right: .5rem; }
.verdict { margin: .4rem 0; }
ul.reasons { margin: .3rem 0 .6rem; padding-left: 1.2rem; font-size: .9rem; }
ul.counts { list-style: none; padding: 0; margin: .4rem 0 0; display: flex; flex-wrap: wrap;
  gap: .2rem 1rem; font-size: .88rem; color: var(--muted); }
ul.counts b { color: var(--ink); font-variant-numeric: tabular-nums; }
svg.meter { width: 100%; max-width: 22rem; height: auto; display: block; margin: .2rem 0 .5rem; }
svg.meter .track { fill: var(--soft); stroke: var(--line); }
svg.meter .fill { fill: var(--accent); }
svg.meter .mark { stroke: var(--ink); stroke-width: 2; }
.badge { display: inline-block; padding: .05rem .6rem; border-radius: 999px; font-weight: 700;
  font-size: .85rem; border: 2px solid currentColor; white-space: nowrap; }
.badge.v-ready { color: var(--ready); background: var(--ready-bg); }
.badge.v-not-ready { color: var(--notready); background: var(--notready-bg); border-style: double;
  border-width: 3px; }
.badge.v-insufficient-evidence { color: var(--insufficient); background: var(--insufficient-bg);
  border-style: dashed; }
.chip { display: inline-block; padding: 0 .4rem; border-radius: 4px; font-size: .78rem;
  font-weight: 600; border: 1px solid currentColor; white-space: nowrap; vertical-align: .05em; }
.chip.met { color: var(--ready); background: var(--ready-bg); }
.chip.partial { color: var(--insufficient); background: var(--insufficient-bg); border-style: dotted; }
.chip.unmet { color: var(--notready); background: var(--notready-bg); border-style: double; border-width: 3px; }
.chip.not-assessed { color: var(--muted); border-style: dashed; }
.chip.not-applicable { color: var(--muted); }
.chip.required { color: var(--ink); background: var(--soft); }
.chip.stale, .chip.waived { color: var(--insufficient); border-style: dashed; }
.verdict-block { border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1.1rem;
  background: var(--soft); }
.figure-row { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
.figure-row figure { flex: 0 1 26rem; margin: 0; min-width: 18rem; }
.figure-row .data { flex: 1 1 28rem; min-width: 0; }
figcaption { font-size: .82rem; color: var(--muted); margin-top: .3rem; }
figure svg { width: 100%; height: auto; display: block; overflow: visible; }
.sub { font-size: .8rem; color: var(--muted); font-weight: normal; }
.card .headline .band { display: block; margin-top: -.2rem; }
svg text { font-family: inherit; font-size: 12px; fill: var(--ink); }
svg .ticks text { font-size: 10px; fill: var(--muted); paint-order: stroke; stroke: #fff;
  stroke-width: 3px; stroke-linejoin: round; }
svg .axis { font-weight: 600; }
svg .value { font-size: 11px; font-weight: normal; fill: var(--muted); }
svg .grid polygon, svg .grid line { fill: none; stroke: var(--line); stroke-width: 1; }
svg .target, svg .target-key { fill: none; stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 5 4; }
svg .score { fill: var(--accent); fill-opacity: .18; stroke: var(--accent); stroke-width: 2.5;
  stroke-linejoin: round; }
svg .score-key { stroke: var(--accent); stroke-width: 3; }
svg .dot { fill: var(--accent); }
svg .target-tick { stroke: var(--ink); stroke-width: 2; stroke-dasharray: 3 2; }
svg .bar-score { fill: var(--accent); }
svg .bar-gap { fill: #8fb0cf; }
svg .bar-required { fill: #7a1f18; }
svg .legend text { font-size: 11px; fill: var(--muted); }
.scroll { overflow-x: auto; }
table.data { border-collapse: collapse; width: 100%; font-size: .88rem; }
table.data caption { text-align: left; font-weight: 600; padding: 0 0 .3rem; }
table.data th, table.data td { text-align: left; vertical-align: top; padding: .38rem .55rem;
  border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
table.data thead th { border-bottom: 2px solid var(--ink); background: var(--soft); font-weight: 600;
  white-space: nowrap; }
table.data tbody th { font-weight: 500; }
table.data .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.gaps tbody.gap tr.figures > * { border-bottom: 0; padding-top: .7rem; }
table.gaps tbody.gap:nth-of-type(odd) { background: #fafbfc; }
table.gaps tbody.gap th { font-weight: 600; }
tr.details > td { padding-top: 0; font-size: .86rem; }
table.criteria tr.crit > * { border-bottom: 0; }
tr.group-head th { background: var(--soft); font-weight: 600; padding-top: .6rem; }
table.criteria tr.details p { margin: 0; }
dl.details { display: grid; grid-template-columns: 7.5rem 1fr; gap: .2rem .9rem; margin: .2rem 0 .4rem; }
dl.details dt { color: var(--muted); font-weight: 600; }
dl.details dd { margin: 0; }
ul.sources, ul.related { margin: 0; padding-left: 1.1rem; }
.state { color: var(--muted); }
dl.lists { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.25rem; }
dl.lists dt { font-weight: 600; }
dl.lists dd { margin: 0; }
ol.method li { margin-bottom: .35rem; }
ul.aggregation { padding-left: 1.2rem; font-size: .92rem; }
ul.plain { list-style: none; padding: 0; }
footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--line); font-size: .82rem;
  color: var(--muted); }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  html { font-size: 9.5pt; }
  .page { max-width: none; padding: 0; }
  nav.toc { display: none; }
  section.ruleset, section.provenance { break-before: page; }
  h2, h3, caption { break-after: avoid; }
  tr, tbody.gap, figure, .card, .verdict-block, dl.details, svg { break-inside: avoid; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  .badge, .chip, .card, svg, .verdict-block, thead th, table.criteria tr.crit > * { border-bottom: 0; }
tr.group-head th {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;
