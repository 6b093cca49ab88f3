//! `readiness explain <ID>`: what a rule set, benchmark or criterion asks for, in full.

use std::fmt::Write;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::gaps::human;
use crate::model::{Benchmark, Catalog, Criterion, Item, Measure, RuleSet, Source};
use crate::report::round;

/// Everything `explain` says about one id.
#[derive(Clone, Debug, Serialize)]
pub struct Explanation {
    /// `ruleset`, `benchmark` or `criterion`.
    pub kind: &'static str,
    pub id: String,
    pub title: String,
    pub ruleset: Parent,
    /// The benchmark a criterion belongs to.
    pub benchmark: Option<Parent>,
    pub summary: Option<String>,
    /// `level` or `indicator` (criteria only).
    pub measure: Option<&'static str>,
    pub scale: Option<ScaleView>,
    pub indicator: Option<IndicatorView>,
    /// Target level (level criteria) or default target (rule sets).
    pub target: Option<i64>,
    #[serde(serialize_with = "num_opt")]
    pub weight: Option<Decimal>,
    /// Percent of the rule-set score this item carries when everything is rated and applicable.
    #[serde(serialize_with = "num_opt")]
    pub effective_weight: Option<Decimal>,
    pub aggregation: Option<&'static str>,
    pub required: Option<bool>,
    #[serde(serialize_with = "num_opt")]
    pub min_score: Option<Decimal>,
    #[serde(serialize_with = "num_opt")]
    pub ready_at: Option<Decimal>,
    #[serde(serialize_with = "num_opt")]
    pub min_coverage: Option<Decimal>,
    pub guidance: Vec<Guidance>,
    pub remediation: Option<String>,
    pub sources: Vec<Source>,
    pub related: Vec<RelatedView>,
    /// The benchmarks of a rule set, or the criteria of a benchmark.
    pub parts: Vec<Part>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Parent {
    pub id: String,
    pub title: String,
    pub version: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ScaleView {
    pub min: i64,
    pub max: i64,
    pub labels: Vec<Guidance>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IndicatorView {
    pub unit: String,
    #[serde(serialize_with = "num")]
    pub floor: Decimal,
    #[serde(serialize_with = "num")]
    pub target: Decimal,
    /// `higher is better` or `lower is better`.
    pub direction: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct Guidance {
    pub level: i64,
    pub label: Option<String>,
    pub text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RelatedView {
    pub id: String,
    pub title: Option<String>,
    pub ruleset: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Part {
    pub id: String,
    pub title: String,
    #[serde(serialize_with = "num")]
    pub weight: Decimal,
    /// Percent of the rule-set score when everything is rated and applicable.
    #[serde(serialize_with = "num")]
    pub effective_weight: Decimal,
    pub required: bool,
}

/// Explains `id`, or `None` when no loaded rule set defines it.
pub fn explain(catalog: &Catalog, id: &str) -> Option<Explanation> {
    Some(match catalog.find(id)? {
        Item::RuleSet(r) => ruleset(r),
        Item::Benchmark(r, b) => benchmark(r, b),
        Item::Criterion(r, b, c) => criterion(catalog, r, b, c),
    })
}

fn ruleset(r: &RuleSet) -> Explanation {
    let total: Decimal = r.benchmarks.iter().map(|b| b.weight).sum();
    Explanation {
        summary: r.summary.clone(),
        scale: Some(scale(r)),
        target: None,
        aggregation: Some(r.aggregation.as_str()),
        ready_at: Some(r.ready_at),
        min_coverage: Some(r.min_coverage),
        sources: r.sources.clone(),
        parts: r
            .benchmarks
            .iter()
            .map(|b| Part {
                id: b.id.clone(),
                title: b.title.clone(),
                weight: b.weight,
                effective_weight: round(Decimal::ONE_HUNDRED * b.weight / total, 2),
                required: b.criteria.iter().any(|c| c.required) || b.min_score.is_some(),
            })
            .collect(),
        ..blank("ruleset", &r.id, &r.title, r)
    }
}

fn benchmark(r: &RuleSet, b: &Benchmark) -> Explanation {
    let share = benchmark_share(r, b);
    let total: Decimal = b.criteria.iter().map(|c| c.weight).sum();
    Explanation {
        weight: Some(b.weight),
        effective_weight: Some(round(Decimal::ONE_HUNDRED * share, 2)),
        aggregation: Some(b.aggregation.as_str()),
        min_score: b.min_score,
        sources: cited(r, b.criteria.iter().flat_map(|c| &c.sources)),
        parts: b
            .criteria
            .iter()
            .map(|c| Part {
                id: c.id.clone(),
                title: c.title.clone(),
                weight: c.weight,
                effective_weight: round(Decimal::ONE_HUNDRED * share * c.weight / total, 2),
                required: c.required,
            })
            .collect(),
        ..blank("benchmark", &b.id, &b.title, r)
    }
}

fn criterion(catalog: &Catalog, r: &RuleSet, b: &Benchmark, c: &Criterion) -> Explanation {
    let total: Decimal = b.criteria.iter().map(|c| c.weight).sum();
    let effective = Decimal::ONE_HUNDRED * benchmark_share(r, b) * c.weight / total;
    let (measure, indicator, target) = match &c.measure {
        Measure::Level { target } => ("level", None, Some(*target)),
        Measure::Indicator {
            unit,
            floor,
            target,
        } => (
            "indicator",
            Some(IndicatorView {
                unit: unit.clone(),
                floor: *floor,
                target: *target,
                direction: if floor < target {
                    "higher is better"
                } else {
                    "lower is better"
                },
            }),
            None,
        ),
    };
    Explanation {
        benchmark: Some(Parent {
            id: b.id.clone(),
            title: b.title.clone(),
            version: None,
        }),
        measure: Some(measure),
        scale: indicator.is_none().then(|| scale(r)),
        indicator,
        target,
        weight: Some(c.weight),
        effective_weight: Some(round(effective, 2)),
        required: Some(c.required),
        guidance: c
            .guidance
            .iter()
            .map(|(level, text)| Guidance {
                level: *level,
                label: r.scale.label(*level).map(str::to_owned),
                text: text.clone(),
            })
            .collect(),
        remediation: c.remediation.clone(),
        sources: cited(r, &c.sources),
        related: c
            .related
            .iter()
            .map(|id| {
                let (title, ruleset) = match catalog.find(id) {
                    Some(Item::RuleSet(x)) => (Some(x.title.clone()), Some(x.id.clone())),
                    Some(Item::Benchmark(x, b)) => (Some(b.title.clone()), Some(x.id.clone())),
                    Some(Item::Criterion(x, _, c)) => (Some(c.title.clone()), Some(x.id.clone())),
                    None => (None, None),
                };
                RelatedView {
                    id: id.clone(),
                    title,
                    ruleset,
                }
            })
            .collect(),
        ..blank("criterion", &c.id, &c.title, r)
    }
}

fn blank(kind: &'static str, id: &str, title: &str, r: &RuleSet) -> Explanation {
    Explanation {
        kind,
        id: id.to_owned(),
        title: title.to_owned(),
        ruleset: Parent {
            id: r.id.clone(),
            title: r.title.clone(),
            version: Some(r.version.clone()),
        },
        benchmark: None,
        summary: None,
        measure: None,
        scale: None,
        indicator: None,
        target: None,
        weight: None,
        effective_weight: None,
        aggregation: None,
        required: None,
        min_score: None,
        ready_at: None,
        min_coverage: None,
        guidance: Vec::new(),
        remediation: None,
        sources: Vec::new(),
        related: Vec::new(),
        parts: Vec::new(),
    }
}

/// The benchmark's share of the rule-set score when every benchmark is applicable.
fn benchmark_share(r: &RuleSet, b: &Benchmark) -> Decimal {
    let total: Decimal = r.benchmarks.iter().map(|x| x.weight).sum();
    b.weight / total
}

fn scale(r: &RuleSet) -> ScaleView {
    ScaleView {
        min: r.scale.min,
        max: r.scale.max,
        labels: r
            .scale
            .labels
            .iter()
            .map(|(l, t)| Guidance {
                level: *l,
                label: None,
                text: t.clone(),
            })
            .collect(),
    }
}

/// The rule set's sources cited by `ids`, once each, in the rule set's order.
fn cited<'a>(r: &RuleSet, ids: impl IntoIterator<Item = &'a String>) -> Vec<Source> {
    let ids: Vec<&String> = ids.into_iter().collect();
    r.sources
        .iter()
        .filter(|s| ids.contains(&&s.id))
        .cloned()
        .collect()
}

/// Plain text for a terminal.
pub fn text(e: &Explanation) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {} — {}", e.kind, e.id, e.title);
    match &e.benchmark {
        Some(b) => {
            let _ = writeln!(
                out,
                "In benchmark {} ({}) of rule set {} {}",
                b.id,
                b.title,
                e.ruleset.id,
                e.ruleset.version.as_deref().unwrap_or("")
            );
        }
        None if e.kind != "ruleset" => {
            let _ = writeln!(out, "In rule set {} ({})", e.ruleset.id, e.ruleset.title);
        }
        None => {
            let _ = writeln!(
                out,
                "Version {}",
                e.ruleset.version.as_deref().unwrap_or("")
            );
        }
    }
    if let Some(s) = &e.summary {
        let _ = writeln!(out, "\n{s}");
    }
    out.push('\n');
    for (k, v) in facts(e) {
        let _ = writeln!(out, "{k:<18}{v}");
    }
    if !e.guidance.is_empty() {
        let _ = writeln!(out, "\nGuidance");
        for g in &e.guidance {
            let label = g
                .label
                .as_deref()
                .map(|l| format!(" ({l})"))
                .unwrap_or_default();
            let _ = writeln!(out, "  {}{label}: {}", g.level, g.text);
        }
    }
    if let Some(r) = &e.remediation {
        let _ = writeln!(out, "\nRemediation\n  {r}");
    }
    if !e.parts.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            if e.kind == "ruleset" {
                "Benchmarks"
            } else {
                "Criteria"
            }
        );
        for p in &e.parts {
            let req = if p.required { ", required" } else { "" };
            let _ = writeln!(
                out,
                "  {:<10} {} (weight {}, {}% of the score{req})",
                p.id,
                p.title,
                p.weight.normalize(),
                human(p.effective_weight)
            );
        }
    }
    if !e.sources.is_empty() {
        let _ = writeln!(out, "\nSources");
        for s in &e.sources {
            let _ = writeln!(out, "  [{}] {}", s.id, source_line(s));
        }
    }
    if !e.related.is_empty() {
        let _ = writeln!(out, "\nRelated");
        for r in &e.related {
            match (&r.title, &r.ruleset) {
                (Some(t), Some(rs)) => {
                    let _ = writeln!(out, "  {} {t} ({rs})", r.id);
                }
                _ => {
                    let _ = writeln!(out, "  {} (not defined by any loaded rule set)", r.id);
                }
            }
        }
    }
    out
}

/// GitHub-flavoured Markdown.
pub fn markdown(e: &Explanation) -> String {
    let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = String::new();
    let _ = writeln!(out, "# {} `{}`: {}\n", e.kind, e.id, esc(&e.title));
    if let Some(b) = &e.benchmark {
        let _ = writeln!(
            out,
            "In benchmark `{}` ({}) of rule set `{}`.\n",
            b.id,
            esc(&b.title),
            e.ruleset.id
        );
    }
    if let Some(s) = &e.summary {
        let _ = writeln!(out, "{s}\n");
    }
    let _ = writeln!(out, "| | |\n| --- | --- |");
    for (k, v) in facts(e) {
        let _ = writeln!(out, "| {} | {} |", k.trim_end_matches(':'), esc(&v));
    }
    if !e.guidance.is_empty() {
        let _ = writeln!(
            out,
            "\n## Guidance\n\n| level | label | what it looks like |\n| --- | --- | --- |"
        );
        for g in &e.guidance {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                g.level,
                esc(g.label.as_deref().unwrap_or("")),
                esc(&g.text)
            );
        }
    }
    if let Some(r) = &e.remediation {
        let _ = writeln!(out, "\n## Remediation\n\n{r}");
    }
    if !e.parts.is_empty() {
        let _ = writeln!(
            out,
            "\n## {}\n\n| id | title | weight | share of score | required |\n| --- | --- | --- | --- | --- |",
            if e.kind == "ruleset" {
                "Benchmarks"
            } else {
                "Criteria"
            }
        );
        for p in &e.parts {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {}% | {} |",
                p.id,
                esc(&p.title),
                p.weight.normalize(),
                human(p.effective_weight),
                if p.required { "yes" } else { "" }
            );
        }
    }
    if !e.sources.is_empty() {
        let _ = writeln!(out, "\n## Sources\n");
        for s in &e.sources {
            let _ = writeln!(out, "- `{}`: {}", s.id, source_line(s));
        }
    }
    if !e.related.is_empty() {
        let _ = writeln!(out, "\n## Related\n");
        for r in &e.related {
            let _ = writeln!(
                out,
                "- `{}` {}",
                r.id,
                r.title.as_deref().map_or(
                    "(not defined by any loaded rule set)".to_owned(),
                    |t| format!("{t} ({})", r.ruleset.as_deref().unwrap_or(""))
                )
            );
        }
    }
    out
}

/// The key facts as label/value pairs, shared by text and Markdown.
fn facts(e: &Explanation) -> Vec<(String, String)> {
    let mut f = Vec::new();
    let mut push = |k: &str, v: String| f.push((format!("{k}:"), v));
    if let Some(m) = e.measure {
        push("Measured by", m.to_owned());
    }
    if let Some(s) = &e.scale {
        let labels: Vec<String> = s
            .labels
            .iter()
            .map(|l| format!("{} {}", l.level, l.text))
            .collect();
        let labels = if labels.is_empty() {
            String::new()
        } else {
            format!(" ({})", labels.join(", "))
        };
        push("Scale", format!("{}..{}{labels}", s.min, s.max));
    }
    if let Some(i) = &e.indicator {
        push(
            "Indicator",
            format!(
                "{} — floor {} scores 0, target {} is met; {}",
                i.unit,
                i.floor.normalize(),
                i.target.normalize(),
                i.direction
            ),
        );
    }
    if let Some(t) = e.target {
        push("Target level", t.to_string());
    }
    if let Some(w) = e.weight {
        push("Weight", w.normalize().to_string());
    }
    if let Some(w) = e.effective_weight {
        push(
            "Effective weight",
            format!(
                "{}% of the rule-set score when everything is rated",
                human(w)
            ),
        );
    }
    if let Some(a) = e.aggregation {
        push("Aggregation", a.to_owned());
    }
    if let Some(r) = e.required {
        push(
            "Required",
            if r {
                "yes: must be met for a verdict of ready".into()
            } else {
                "no".into()
            },
        );
    }
    if let Some(m) = e.min_score {
        push("Minimum score", format!("{}% (a gate)", human(m)));
    }
    if let Some(r) = e.ready_at {
        push("Ready at", format!("{}%", human(r)));
    }
    if let Some(c) = e.min_coverage {
        push("Minimum coverage", format!("{}%", human(c)));
    }
    f
}

fn source_line(s: &Source) -> String {
    let mut line = s.title.clone();
    if let Some(p) = &s.publisher {
        line.push_str(&format!(", {p}"));
    }
    if let Some(y) = s.year {
        line.push_str(&format!(", {y}"));
    }
    if let Some(u) = &s.url {
        line.push_str(&format!(" <{u}>"));
    }
    line
}

fn num<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    rust_decimal::serde::arbitrary_precision::serialize(&d.normalize(), s)
}

fn num_opt<S: serde::Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => num(d, s),
        None => s.serialize_none(),
    }
}
