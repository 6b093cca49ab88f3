//! Document trees -> model. The only way from what a file says to a [`RuleSet`] or
//! [`Assessment`] whose invariants hold. Every problem becomes a [`Diagnostic`]; checking goes on
//! after each one, so a run reports all of them.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, Location, closest, codes};
use crate::load::SourceFile;
use crate::model::{
    Aggregation, Assessment, Band, Benchmark, Catalog, Confidence, Criterion, Measure,
    ProgressBand, Rating, RatingValue, RuleSet, Scale, Source, Waiver,
};
use crate::tree::{Cx, Node, Spanned};

const RULESET_KEYS: &[&str] = &[
    "ruleset",
    "title",
    "version",
    "summary",
    "sources",
    "scale",
    "target",
    "aggregation",
    "ready_at",
    "min_coverage",
    "max_evidence_age_days",
    "bands",
    "progress",
    "benchmarks",
];
const SOURCE_KEYS: &[&str] = &["id", "title", "publisher", "year", "url"];
const SCALE_KEYS: &[&str] = &["min", "max", "labels"];
const BAND_KEYS: &[&str] = &["from", "label"];
const BENCHMARK_KEYS: &[&str] = &[
    "id",
    "title",
    "weight",
    "aggregation",
    "min_score",
    "criteria",
];
const CRITERION_KEYS: &[&str] = &[
    "id",
    "title",
    "weight",
    "target",
    "required",
    "guidance",
    "remediation",
    "sources",
    "related",
    "indicator",
];
const INDICATOR_KEYS: &[&str] = &["unit", "floor", "target"];
const ASSESSMENT_KEYS: &[&str] = &[
    "country",
    "as_of",
    "rulesets",
    "assessors",
    "notes",
    "ratings",
    "waivers",
];
const RATING_KEYS: &[&str] = &[
    "level",
    "value",
    "not_applicable",
    "evidence",
    "sources",
    "confidence",
    "as_of",
];
const WAIVER_KEYS: &[&str] = &["justification", "approved_by", "expires"];
const AGGREGATIONS: &[(&str, Aggregation)] =
    &[("mean", Aggregation::Mean), ("min", Aggregation::Min)];
const CONFIDENCES: &[(&str, Confidence)] = &[
    ("low", Confidence::Low),
    ("medium", Confidence::Medium),
    ("high", Confidence::High),
];

/// The default bands of SPEC section 3.
pub fn default_bands() -> Vec<Band> {
    [
        (0, "Early stage"),
        (20, "Some level of preparation"),
        (40, "Moderately prepared"),
        (60, "Good level of preparation"),
        (80, "Well advanced"),
    ]
    .into_iter()
    .map(|(from, label)| Band {
        from: Decimal::from(from),
        label: label.to_owned(),
    })
    .collect()
}

/// The default progress bands of SPEC section 7.
pub fn default_progress() -> Vec<ProgressBand> {
    [
        (None, "backsliding"),
        (Some(-2), "no progress"),
        (Some(2), "some progress"),
        (Some(10), "good progress"),
        (Some(20), "very good progress"),
    ]
    .into_iter()
    .map(|(from, label)| ProgressBand {
        from: from.map(Decimal::from),
        label: label.to_owned(),
    })
    .collect()
}

/// Reads one rule set. `None` when it has errors (they are in `diags`, in file order).
pub fn ruleset(file: &SourceFile, root: &Node, diags: &mut Vec<Diagnostic>) -> Option<RuleSet> {
    let first = diags.len();
    let r = ruleset_unsorted(file, root, diags);
    in_file_order(diags.get_mut(first..).unwrap_or_default());
    r
}

fn ruleset_unsorted(
    file: &SourceFile,
    root: &Node,
    diags: &mut Vec<Diagnostic>,
) -> Option<RuleSet> {
    let before = error_count(diags);
    let mut cx = Cx {
        file: file.path.clone(),
        diags,
    };
    let f = cx.fields(root, "a rule set", RULESET_KEYS)?;
    let id = f
        .required(&mut cx, "ruleset", "a rule set")
        .and_then(|n| ruleset_id(&mut cx, n));
    let title = f
        .required(&mut cx, "title", "a rule set")
        .and_then(|n| cx.text(n, "`title`"));
    let version = f
        .required(&mut cx, "version", "a rule set")
        .and_then(|n| cx.text(n, "`version`"));
    let summary = cx.opt_text(f.get("summary"), "`summary`");
    let sources = f
        .get("sources")
        .map(|n| sources(&mut cx, n))
        .unwrap_or_default();
    let scale = match f.get("scale") {
        Some(n) => scale(&mut cx, n),
        None => Some(Scale {
            min: 0,
            max: 4,
            labels: BTreeMap::new(),
        }),
    };
    let target = match (f.get("target"), &scale) {
        (Some(n), Some(s)) => level_target(&mut cx, n, s),
        (None, Some(s)) => Some(s.max),
        _ => None,
    };
    let aggregation = f.get("aggregation").map_or(Some(Aggregation::Mean), |n| {
        cx.word(n, "`aggregation`", AGGREGATIONS)
    });
    let ready_at = percent(&mut cx, f.get("ready_at"), "`ready_at`", 75);
    let min_coverage = percent(&mut cx, f.get("min_coverage"), "`min_coverage`", 80);
    let max_age = f.get("max_evidence_age_days").and_then(|n| {
        let days = cx.integer(n, "`max_evidence_age_days`")?;
        if days < 0 {
            let e = cx.error(
                codes::INVALID_NUMBER,
                n.span,
                "`max_evidence_age_days` must not be negative",
            );
            e.label = Some("a number of days".into());
            e.help = Some(
                "write 0 or more days, or remove the key to never flag ratings as stale".into(),
            );
            return None;
        }
        Some(days)
    });
    let bands = f
        .get("bands")
        .map_or_else(|| Some(default_bands()), |n| bands(&mut cx, n));
    let progress = f
        .get("progress")
        .map_or_else(|| Some(default_progress()), |n| progress(&mut cx, n));

    let mut benchmarks = Vec::new();
    if let Some(list) = f.required(&mut cx, "benchmarks", "a rule set") {
        let items = cx.seq(list, "`benchmarks`");
        if let Some([]) = items {
            let e = cx.error(
                codes::MISSING_KEY,
                list.span,
                "a rule set needs at least one benchmark",
            );
            e.label = Some("empty".into());
            e.help = Some(
                "list benchmarks under `benchmarks:`, each with an `id`, a `title` and `criteria`"
                    .into(),
            );
        }
        let items = items.unwrap_or_default();
        let defaults = Defaults {
            scale: scale.as_ref(),
            target,
            aggregation: aggregation.unwrap_or(Aggregation::Mean),
            sources: &sources,
        };
        benchmarks = items
            .iter()
            .filter_map(|b| benchmark(&mut cx, b, &defaults))
            .collect();
    }
    if error_count(cx.diags) > before {
        return None;
    }
    Some(RuleSet {
        id: id?,
        title: title?,
        version: version?,
        summary,
        sources,
        scale: scale?,
        aggregation: aggregation?,
        ready_at: ready_at?,
        min_coverage: min_coverage?,
        max_evidence_age_days: max_age,
        bands: bands?,
        progress: progress?,
        benchmarks,
        path: file.path.clone(),
        sha256: file.sha256(),
        span: f.get("ruleset").map_or(root.span, |n| n.span),
    })
}

/// Joins rule sets into a catalog: ids unique across all of them, `related` ids resolved (an
/// unresolved one is a warning: its rule set may simply not be loaded).
pub fn catalog(rulesets: Vec<RuleSet>, diags: &mut Vec<Diagnostic>) -> Catalog {
    let mut seen: HashMap<&str, Location> = HashMap::new();
    let mut bad = vec![false; rulesets.len()];
    for (i, r) in rulesets.iter().enumerate() {
        let items = std::iter::once((r.id.as_str(), r.span, "rule set")).chain(
            r.benchmarks.iter().flat_map(|b| {
                std::iter::once((b.id.as_str(), b.span, "benchmark")).chain(
                    b.criteria
                        .iter()
                        .map(|c| (c.id.as_str(), c.span, "criterion")),
                )
            }),
        );
        for (id, span, what) in items {
            let here = Location {
                file: r.path.clone(),
                span,
            };
            if let Some(first) = seen.get(id) {
                diags.push(
                    Diagnostic::error(
                        codes::DUPLICATE_ID,
                        format!("{what} id `{id}` is already defined"),
                    )
                    .at(here)
                    .label("defined again here")
                    .also(first.clone(), "first defined here")
                    .help("ids must be unique across every loaded rule set; rename one of them"),
                );
                if let Some(bad) = bad.get_mut(i) {
                    *bad = true;
                }
            } else {
                seen.insert(id, here);
            }
        }
    }
    let catalog = Catalog::new(
        rulesets
            .into_iter()
            .zip(bad)
            .filter(|(_, bad)| !bad)
            .map(|(r, _)| r)
            .collect(),
    );
    for r in &catalog.rulesets {
        for c in r.benchmarks.iter().flat_map(|b| &b.criteria) {
            for rel in &c.related {
                if catalog.find(rel).is_none() {
                    let mut d = Diagnostic::warning(
                        codes::UNRESOLVED_RELATED,
                        format!(
                            "`{}` is related to `{rel}`, which no loaded rule set defines",
                            c.id
                        ),
                    )
                    .at(Location {
                        file: r.path.clone(),
                        span: c.span,
                    });
                    d.label = Some(format!("its `related` names `{rel}`"));
                    d.help = Some(match closest(rel, catalog.ids().filter(|id| *id != c.id)) {
                        Some(k) => format!(
                            "did you mean `{k}`? (or load the rule set that defines `{rel}`)"
                        ),
                        None => format!("load the rule set that defines `{rel}` with --rules"),
                    });
                    diags.push(d);
                }
            }
        }
    }
    catalog
}

/// Reads one assessment against the loaded rule sets. `None` when it has errors (they are in
/// `diags`, in file order).
pub fn assessment(
    file: &SourceFile,
    root: &Node,
    catalog: &Catalog,
    diags: &mut Vec<Diagnostic>,
) -> Option<Assessment> {
    let first = diags.len();
    let a = assessment_unsorted(file, root, catalog, diags);
    in_file_order(diags.get_mut(first..).unwrap_or_default());
    a
}

fn assessment_unsorted(
    file: &SourceFile,
    root: &Node,
    catalog: &Catalog,
    diags: &mut Vec<Diagnostic>,
) -> Option<Assessment> {
    let before = error_count(diags);
    let mut cx = Cx {
        file: file.path.clone(),
        diags,
    };
    let f = cx.fields(root, "an assessment", ASSESSMENT_KEYS)?;
    let country = f
        .required(&mut cx, "country", "an assessment")
        .and_then(|n| cx.text(n, "`country`"));
    let as_of = f
        .required(&mut cx, "as_of", "an assessment")
        .and_then(|n| cx.date(n, "`as_of`"));
    let assessors = cx
        .text_list(f.get("assessors"), "`assessors`")
        .into_iter()
        .map(|s| s.value)
        .collect();
    let notes = cx.opt_text(f.get("notes"), "`notes`");
    let ratings_node = f.required(&mut cx, "ratings", "an assessment");
    let ratings = ratings_node
        .and_then(|n| cx.entries(n, "`ratings`"))
        .unwrap_or_default();
    let waivers = f
        .get("waivers")
        .and_then(|n| cx.entries(n, "`waivers`"))
        .unwrap_or_default();

    // Which rule sets: as listed, or every loaded one the ratings touch.
    // A misspelt rule set is reported once: its ratings are not reported as unselected as well.
    let mut misspelt: Vec<&str> = Vec::new();
    let selected: Vec<&RuleSet> = match f.get("rulesets") {
        Some(n) => {
            let mut out = Vec::new();
            for id in cx.text_list(Some(n), "`rulesets`") {
                match catalog.ruleset(&id.value) {
                    Some(r) => out.push(r),
                    None => {
                        let help = match closest(
                            &id.value,
                            catalog.rulesets.iter().map(|r| r.id.as_str()),
                        ) {
                            Some(k) => {
                                misspelt.push(k);
                                format!("did you mean `{k}`?")
                            }
                            None => format!("loaded rule sets: {}", loaded(catalog)),
                        };
                        let d = cx.error(
                            codes::UNKNOWN_RULESET,
                            id.span,
                            format!("no loaded rule set is called `{}`", id.value),
                        );
                        d.label = Some("not a loaded rule set".into());
                        d.help = Some(help);
                    }
                }
            }
            out
        }
        None => catalog
            .rulesets
            .iter()
            .filter(|r| {
                ratings
                    .iter()
                    .any(|(id, _)| ruleset_of(catalog, id.value).is_some_and(|o| o.id == r.id))
            })
            .collect(),
    };
    if selected.is_empty() && error_count(cx.diags) == before {
        let (span, label) = match f.get("rulesets") {
            Some(n) => (n.span, "an empty list"),
            None => (
                f.key_span("ratings").unwrap_or(f.node.span),
                "no `rulesets:`, and no rating names a loaded criterion",
            ),
        };
        let d = cx.error(
            codes::NO_RULESET_SELECTED,
            span,
            "this assessment selects no loaded rule set",
        );
        d.label = Some(label.into());
        d.help = Some(format!(
            "list the rule sets to score under `rulesets:` (loaded: {})",
            loaded(catalog)
        ));
    }

    let misspelt_ruleset_of =
        |id: &str| ruleset_of(catalog, id).is_some_and(|r| misspelt.contains(&r.id.as_str()));
    let mut rated = BTreeMap::new();
    for (id, node) in &ratings {
        if misspelt_ruleset_of(id.value) {
            continue;
        }
        let Some((r, c)) = criterion_in(&mut cx, catalog, &selected, id, "rating") else {
            continue;
        };
        if let Some(rating) = rating(&mut cx, node, r, c) {
            rated.insert(id.value.to_owned(), rating);
        }
    }
    let mut waived = BTreeMap::new();
    for (id, node) in &waivers {
        if misspelt_ruleset_of(id.value) {
            continue;
        }
        if criterion_in(&mut cx, catalog, &selected, id, "waiver").is_none() {
            continue;
        }
        if let Some(w) = waiver(&mut cx, node) {
            waived.insert(id.value.to_owned(), (w, id.span));
        }
    }
    if error_count(cx.diags) > before {
        return None;
    }
    let as_of = as_of?;
    // Warnings: what an analyst should look at, but which do not stop scoring.
    let entry = |id: &str| ratings.iter().find(|(k, _)| k.value == id);
    for (id, rating) in &rated {
        if rating.evidence.is_none() && !matches!(rating.value, RatingValue::NotApplicable(_)) {
            let span = entry(id).map_or(rating.span, |(k, _)| k.span);
            let d = Diagnostic::warning(
                codes::UNSUPPORTED_RATING,
                format!("the rating of `{id}` gives no evidence"),
            )
            .at(cx.loc(span))
            .label("no `evidence:` in this rating")
            .help("add `evidence:` saying what was observed, and `sources:`");
            cx.push(d);
        }
        let ruleset = ruleset_of(catalog, id);
        if let Some(max) = ruleset.and_then(|r| r.max_evidence_age_days)
            && let Some(age) = rating.as_of.map(|d| as_of.days_since(d))
            && age > max
        {
            let span = entry(id)
                .and_then(|(_, node)| value_of(node, "as_of"))
                .map_or(rating.span, |n| n.span);
            let d = Diagnostic::warning(
                codes::STALE_RATING,
                format!(
                    "the rating of `{id}` is {age} days old, over the rule set's limit of {max}"
                ),
            )
            .at(cx.loc(span))
            .label(format!("{age} days before the assessment's `as_of`"))
            .help("re-assess it, or say in the evidence why the old observation still holds");
            cx.push(d);
        }
    }
    for (id, (w, span)) in &waived {
        if let Some(expires) = w.expires.filter(|e| *e < as_of) {
            let place = waivers
                .iter()
                .find(|(k, _)| k.value == id)
                .and_then(|(_, node)| value_of(node, "expires"))
                .map_or(*span, |n| n.span);
            let d = Diagnostic::warning(
                codes::EXPIRED_WAIVER,
                format!(
                    "the waiver for `{id}` expired on {expires}, before the assessment date {as_of}"
                ),
            )
            .at(cx.loc(place))
            .label("expired before the assessment date")
            .help("an expired waiver has no effect; renew it or remove it");
            cx.push(d);
        }
    }
    Some(Assessment {
        country: country?,
        as_of,
        rulesets: selected.iter().map(|r| r.id.clone()).collect(),
        assessors,
        notes,
        ratings: rated,
        waivers: waived.into_iter().map(|(k, (w, _))| (k, w)).collect(),
        path: file.path.clone(),
    })
}

struct Defaults<'a> {
    scale: Option<&'a Scale>,
    target: Option<i64>,
    aggregation: Aggregation,
    sources: &'a [Source],
}

fn benchmark(cx: &mut Cx<'_>, node: &Node, d: &Defaults<'_>) -> Option<Benchmark> {
    let f = cx.fields(node, "a benchmark", BENCHMARK_KEYS)?;
    let id = f
        .required(cx, "id", "a benchmark")
        .and_then(|n| item_id(cx, n));
    let title = f
        .required(cx, "title", "a benchmark")
        .and_then(|n| cx.text(n, "`title`"));
    let weight = weight(cx, f.get("weight"));
    let aggregation = f.get("aggregation").map_or(Some(d.aggregation), |n| {
        cx.word(n, "`aggregation`", AGGREGATIONS)
    });
    let min_score = f
        .get("min_score")
        .map(|n| percent(cx, Some(n), "`min_score`", 0));
    let list = f.required(cx, "criteria", "a benchmark");
    let items = list.and_then(|n| cx.seq(n, "`criteria`"));
    if let (Some(n), Some([])) = (list, items) {
        let e = cx.error(
            codes::MISSING_KEY,
            n.span,
            "a benchmark needs at least one criterion",
        );
        e.label = Some("empty".into());
        e.help = Some("list criteria under `criteria:`, each with an `id` and a `title`".into());
    }
    let items = items.unwrap_or_default();
    let criteria: Vec<Criterion> = items.iter().filter_map(|c| criterion(cx, c, d)).collect();
    Some(Benchmark {
        id: id?.value,
        span: f.get("id").map_or(node.span, |n| n.span),
        title: title?,
        weight: weight?,
        aggregation: aggregation?,
        min_score: min_score.flatten(),
        criteria,
    })
}

fn criterion(cx: &mut Cx<'_>, node: &Node, d: &Defaults<'_>) -> Option<Criterion> {
    let f = cx.fields(node, "a criterion", CRITERION_KEYS)?;
    let id = f
        .required(cx, "id", "a criterion")
        .and_then(|n| item_id(cx, n));
    let title = f
        .required(cx, "title", "a criterion")
        .and_then(|n| cx.text(n, "`title`"));
    let weight = weight(cx, f.get("weight"));
    let required = f
        .get("required")
        .map_or(Some(false), |n| cx.boolean(n, "`required`"));
    let measure = match f.get("indicator") {
        Some(ind) => {
            for key in ["target", "guidance"] {
                if let Some(span) = f.key_span(key) {
                    let e = cx.error(
                        codes::INDICATOR_WITH_LEVEL_KEYS,
                        span,
                        format!("an indicator criterion takes no level `{key}`"),
                    );
                    e.label = Some("only for level criteria".into());
                    e.help = Some(if key == "target" {
                        "set the indicator's own target inside `indicator: { ..., target: ... }`"
                            .into()
                    } else {
                        "guidance by level applies to level criteria only; describe the indicator in `remediation`".into()
                    });
                }
            }
            indicator(cx, ind)
        }
        None => {
            let target = match (f.get("target"), d.scale) {
                (Some(n), Some(s)) => level_target(cx, n, s),
                (None, _) => d.target,
                _ => None,
            };
            target.map(|target| Measure::Level { target })
        }
    };
    let guidance = match (f.get("guidance"), d.scale) {
        (Some(n), Some(s)) if f.get("indicator").is_none() => level_map(cx, n, s, "`guidance`"),
        _ => Some(BTreeMap::new()),
    };
    let remediation = cx.opt_text(f.get("remediation"), "`remediation`");
    let mut cited = Vec::new();
    for s in cx.text_list(f.get("sources"), "`sources`") {
        if d.sources.iter().any(|known| known.id == s.value) {
            cited.push(s.value);
        } else {
            let help = match closest(&s.value, d.sources.iter().map(|k| k.id.as_str())) {
                Some(k) => format!("did you mean `{k}`?"),
                None if d.sources.is_empty() => {
                    "define it under the file's top-level `sources:` list".into()
                }
                None => format!(
                    "define it under the file's top-level `sources:` list (defined: {})",
                    d.sources
                        .iter()
                        .map(|k| k.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            let e = cx.error(
                codes::UNKNOWN_SOURCE,
                s.span,
                format!("source `{}` is not defined in this file", s.value),
            );
            e.label = Some("not a source id of this file".into());
            e.help = Some(help);
        }
    }
    let related = cx
        .text_list(f.get("related"), "`related`")
        .into_iter()
        .map(|s| s.value)
        .collect();
    Some(Criterion {
        id: id?.value,
        span: f.get("id").map_or(node.span, |n| n.span),
        title: title?,
        weight: weight?,
        required: required?,
        measure: measure?,
        guidance: guidance?,
        remediation,
        sources: cited,
        related,
    })
}

fn indicator(cx: &mut Cx<'_>, node: &Node) -> Option<Measure> {
    let f = cx.fields(node, "an indicator", INDICATOR_KEYS)?;
    let unit = f
        .required(cx, "unit", "an indicator")
        .and_then(|n| cx.text(n, "`unit`"));
    let floor = f
        .required(cx, "floor", "an indicator")
        .and_then(|n| cx.decimal(n, "`floor`"));
    let target = f
        .required(cx, "target", "an indicator")
        .and_then(|n| cx.decimal(n, "`target`"));
    if let (Some(fl), Some(t)) = (floor, target)
        && fl == t
    {
        let span = f.get("target").map_or(node.span, |n| n.span);
        let e = cx.error(
            codes::INDICATOR_FLOOR_EQUALS_TARGET,
            span,
            format!("the indicator's floor and target are both {t}"),
        );
        e.label = Some("equal to the floor".into());
        e.help = Some("the floor scores 0 and the target scores 100%; they must differ (a floor above the target means lower is better)".into());
        return None;
    }
    Some(Measure::Indicator {
        unit: unit?,
        floor: floor?,
        target: target?,
    })
}

fn rating(cx: &mut Cx<'_>, node: &Node, r: &RuleSet, c: &Criterion) -> Option<Rating> {
    let f = cx.fields(node, "a rating", RATING_KEYS)?;
    let given: Vec<&str> = ["level", "value", "not_applicable"]
        .into_iter()
        .filter(|k| f.get(k).is_some())
        .collect();
    let value = match given.as_slice() {
        ["level"] => f.get("level").and_then(|n| {
            let level = cx.integer(n, "`level`")?;
            match &c.measure {
                Measure::Indicator { unit, .. } => {
                    let e = cx.error(
                        codes::RATING_KIND,
                        n.span,
                        format!("`{}` is an indicator, rated with `value:` ({unit})", c.id),
                    );
                    e.label = Some("a level, for an indicator".into());
                    e.help = Some(format!(
                        "write `value: <number in {unit}>` instead of `level:`"
                    ));
                    None
                }
                Measure::Level { .. } if level < r.scale.min || level > r.scale.max => {
                    let e = cx.error(
                        codes::LEVEL_OFF_SCALE,
                        n.span,
                        format!(
                            "level {level} is off the scale of `{}` ({}..{})",
                            r.id, r.scale.min, r.scale.max
                        ),
                    );
                    e.label = Some(format!(
                        "expected a whole number from {} to {}",
                        r.scale.min, r.scale.max
                    ));
                    e.help = Some(level_help(r, c));
                    None
                }
                Measure::Level { .. } => Some(RatingValue::Level(level)),
            }
        }),
        ["value"] => f.get("value").and_then(|n| {
            let v = cx.decimal(n, "`value`")?;
            match &c.measure {
                Measure::Indicator { .. } => Some(RatingValue::Value(v)),
                Measure::Level { .. } => {
                    let e = cx.error(
                        codes::RATING_KIND,
                        n.span,
                        format!("`{}` is rated by level, not by value", c.id),
                    );
                    e.label = Some("a value, for a level criterion".into());
                    e.help = Some(format!(
                        "write `level: <{}..{}>` instead of `value:`",
                        r.scale.min, r.scale.max
                    ));
                    None
                }
            }
        }),
        ["not_applicable"] => f
            .get("not_applicable")
            .and_then(|n| cx.text(n, "`not_applicable` (the justification)"))
            .map(RatingValue::NotApplicable),
        _ => {
            let kind = match c.measure {
                Measure::Level { .. } => format!("`level: <{}..{}>`", r.scale.min, r.scale.max),
                Measure::Indicator { .. } => "`value: <number>`".to_owned(),
            };
            let msg = if given.is_empty() {
                format!(
                    "the rating of `{}` has none of level, value, not_applicable",
                    c.id
                )
            } else {
                let quoted: Vec<String> = given.iter().map(|k| format!("`{k}`")).collect();
                let list = match quoted.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} and {last}", rest.join(", "))
                    }
                    _ => quoted.join(""),
                };
                format!(
                    "the rating of `{}` gives {list}; it takes exactly one",
                    c.id
                )
            };
            let (span, label) = match given.as_slice() {
                [first, second, ..] => (
                    f.key_span(second).unwrap_or(node.span),
                    format!("a second kind of rating, after `{first}`"),
                ),
                _ => (
                    node.span,
                    "no level, value or not_applicable here".to_owned(),
                ),
            };
            let e = cx.error(codes::RATING_SHAPE, span, msg);
            e.label = Some(label);
            e.help = Some(format!(
                "give exactly one: {kind}, or `not_applicable: <why>`"
            ));
            None
        }
    };
    let evidence = cx.opt_text(f.get("evidence"), "`evidence`");
    let sources = cx
        .text_list(f.get("sources"), "`sources`")
        .into_iter()
        .map(|s| s.value)
        .collect();
    let confidence = f.get("confidence").map_or(Some(Confidence::Medium), |n| {
        cx.word(n, "`confidence`", CONFIDENCES)
    });
    let as_of = f.get("as_of").map(|n| cx.date(n, "`as_of`"));
    Some(Rating {
        value: value?,
        evidence,
        sources,
        confidence: confidence?,
        as_of: as_of.flatten(),
        span: node.span,
    })
}

fn waiver(cx: &mut Cx<'_>, node: &Node) -> Option<Waiver> {
    let f = cx.fields(node, "a waiver", WAIVER_KEYS)?;
    let justification = f
        .required(cx, "justification", "a waiver")
        .and_then(|n| cx.text(n, "`justification`"));
    let approved_by = cx.opt_text(f.get("approved_by"), "`approved_by`");
    let expires = f.get("expires").map(|n| cx.date(n, "`expires`"));
    Some(Waiver {
        justification: justification?,
        approved_by,
        expires: expires.flatten(),
    })
}

/// The rule set and criterion an assessment's `id` names, among the selected rule sets.
fn criterion_in<'c>(
    cx: &mut Cx<'_>,
    catalog: &'c Catalog,
    selected: &[&'c RuleSet],
    id: &Spanned<&str>,
    what: &str,
) -> Option<(&'c RuleSet, &'c Criterion)> {
    if let Some(crate::model::Item::Criterion(r, _, c)) = catalog.find(id.value)
        && selected.iter().any(|s| s.id == r.id)
    {
        return Some((r, c));
    }
    let (message, help) = match catalog.find(id.value) {
        Some(crate::model::Item::Criterion(r, ..)) => (
            format!(
                "`{}` belongs to rule set `{}`, which this assessment does not select",
                id.value, r.id
            ),
            format!("add `{}` to `rulesets:`", r.id),
        ),
        Some(_) => (
            format!(
                "`{}` is a rule set or benchmark; a {what} names a criterion",
                id.value
            ),
            "rate each criterion of a benchmark separately".to_owned(),
        ),
        None => {
            let ids = selected.iter().flat_map(|r| {
                r.benchmarks
                    .iter()
                    .flat_map(|b| b.criteria.iter().map(|c| c.id.as_str()))
            });
            let help = match closest(id.value, ids) {
                Some(k) => format!("did you mean `{k}`?"),
                None => "run `readiness explain <rule set id>` to list the criteria".to_owned(),
            };
            (
                format!("no selected rule set defines a criterion `{}`", id.value),
                help,
            )
        }
    };
    let e = cx.error(codes::UNKNOWN_CRITERION, id.span, message);
    e.label = Some(format!("this {what}'s criterion id"));
    e.help = Some(help);
    None
}

fn ruleset_of<'c>(catalog: &'c Catalog, id: &str) -> Option<&'c RuleSet> {
    match catalog.find(id)? {
        crate::model::Item::Criterion(r, ..) => Some(r),
        _ => None,
    }
}

fn loaded(catalog: &Catalog) -> String {
    let ids: Vec<&str> = catalog.rulesets.iter().map(|r| r.id.as_str()).collect();
    if ids.is_empty() {
        "none".into()
    } else {
        ids.join(", ")
    }
}

fn sources(cx: &mut Cx<'_>, node: &Node) -> Vec<Source> {
    let mut out: Vec<Source> = Vec::new();
    // Where each source id was defined, to name both places of a duplicate.
    let mut places: Vec<(String, crate::diagnostic::Span)> = Vec::new();
    for item in cx.seq(node, "`sources`").unwrap_or_default() {
        let Some(f) = cx.fields(item, "a source", SOURCE_KEYS) else {
            continue;
        };
        let id = f
            .required(cx, "id", "a source")
            .and_then(|n| item_id(cx, n));
        let title = f
            .required(cx, "title", "a source")
            .and_then(|n| cx.text(n, "`title`"));
        let publisher = cx.opt_text(f.get("publisher"), "`publisher`");
        let year = f.get("year").and_then(|n| cx.integer(n, "`year`"));
        let url = cx.opt_text(f.get("url"), "`url`");
        if let (Some(id), Some(title)) = (id, title) {
            if let Some((_, first)) = places.iter().find(|(known, _)| *known == id.value) {
                let first = cx.loc(*first);
                let e = cx.error(
                    codes::DUPLICATE_ID,
                    id.span,
                    format!("source `{}` is defined twice in this file", id.value),
                );
                e.label = Some("defined again here".into());
                e.also.push((first, "first defined here".into()));
                e.help =
                    Some("source ids must be unique within a file; rename or merge one".into());
                continue;
            }
            places.push((id.value.clone(), id.span));
            out.push(Source {
                id: id.value,
                title,
                publisher,
                year,
                url,
            });
        }
    }
    out
}

fn scale(cx: &mut Cx<'_>, node: &Node) -> Option<Scale> {
    let f = cx.fields(node, "`scale`", SCALE_KEYS)?;
    let min = f
        .get("min")
        .map_or(Some(0), |n| cx.integer(n, "`scale.min`"));
    let max = f
        .get("max")
        .map_or(Some(4), |n| cx.integer(n, "`scale.max`"));
    let (min, max) = (min?, max?);
    if min >= max {
        let e = cx.error(
            codes::INVALID_SCALE,
            node.span,
            format!("scale min {min} is not below max {max}"),
        );
        e.label = Some("min must be below max".into());
        e.help = Some("a scale runs upwards, for example `{ min: 0, max: 4 }`".into());
        return None;
    }
    if max - min > 1000 {
        let e = cx.error(
            codes::INVALID_SCALE,
            node.span,
            format!(
                "a scale of {} levels is too long to rate by hand",
                max - min + 1
            ),
        );
        e.help = Some("use at most 1001 levels; most frameworks use 0..4 or 1..5".into());
        return None;
    }
    let mut s = Scale {
        min,
        max,
        labels: BTreeMap::new(),
    };
    s.labels = f.get("labels").map_or(Some(BTreeMap::new()), |n| {
        level_map(cx, n, &s, "`scale.labels`")
    })?;
    Some(s)
}

/// A mapping from levels on the scale to text (labels, guidance).
fn level_map(
    cx: &mut Cx<'_>,
    node: &Node,
    scale: &Scale,
    what: &str,
) -> Option<BTreeMap<i64, String>> {
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (key, value) in cx.entries(node, what)? {
        let key_node = Node {
            span: key.span,
            value: crate::tree::Value::Scalar {
                text: key.value.to_owned(),
                quoted: false,
            },
        };
        let Some(level) = cx.integer(&key_node, &format!("a level in {what}")) else {
            ok = false;
            continue;
        };
        if level < scale.min || level > scale.max {
            let e = cx.error(
                codes::INVALID_SCALE,
                key.span,
                format!(
                    "{what} names level {level}, off the scale {}..{}",
                    scale.min, scale.max
                ),
            );
            e.label = Some("not a level of the scale".into());
            e.help = Some(format!(
                "name only levels from {} to {}, or widen the scale",
                scale.min, scale.max
            ));
            ok = false;
            continue;
        }
        match cx.text(value, &format!("{what} for level {level}")) {
            Some(t) => {
                out.insert(level, t);
            }
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn level_target(cx: &mut Cx<'_>, node: &Node, scale: &Scale) -> Option<i64> {
    let t = cx.integer(node, "`target`")?;
    if t < scale.min || t > scale.max {
        let e = cx.error(
            codes::TARGET_OFF_SCALE,
            node.span,
            format!("target {t} is off the scale {}..{}", scale.min, scale.max),
        );
        e.label = Some("not a level of the scale".into());
        e.help = Some(format!(
            "a target is a level from {} to {}; the default is the scale's max",
            scale.min, scale.max
        ));
        return None;
    }
    Some(t)
}

fn weight(cx: &mut Cx<'_>, node: Option<&Node>) -> Option<Decimal> {
    let Some(node) = node else {
        return Some(Decimal::ONE);
    };
    let w = cx.decimal(node, "`weight`")?;
    if w <= Decimal::ZERO {
        let e = cx.error(
            codes::WEIGHT_NOT_POSITIVE,
            node.span,
            format!("weight {w} is not positive"),
        );
        e.label = Some("must be above 0".into());
        e.help = Some("weights must be above 0; to leave an item out of scoring, use a tailoring file's `deselect`".into());
        return None;
    }
    Some(w)
}

/// A percentage in 0..=100, with a default when absent.
fn percent(cx: &mut Cx<'_>, node: Option<&Node>, what: &str, default: i64) -> Option<Decimal> {
    let Some(node) = node else {
        return Some(Decimal::from(default));
    };
    let p = cx.decimal(node, what)?;
    if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED {
        let e = cx.error(
            codes::PERCENT_OUT_OF_RANGE,
            node.span,
            format!("{what} is {p}, outside 0..100"),
        );
        e.label = Some("a percentage".into());
        e.help = Some("write a percentage from 0 to 100, without the % sign".into());
        return None;
    }
    Some(p)
}

fn bands(cx: &mut Cx<'_>, node: &Node) -> Option<Vec<Band>> {
    let items = cx.seq(node, "`bands`")?;
    let mut out: Vec<Band> = Vec::new();
    let mut ok = true;
    for item in items {
        let Some(f) = cx.fields(item, "a band", BAND_KEYS) else {
            ok = false;
            continue;
        };
        let from_node = f.required(cx, "from", "a band");
        let from = from_node.and_then(|n| percent(cx, Some(n), "a band's `from`", 0));
        let label = f
            .required(cx, "label", "a band")
            .and_then(|n| cx.text(n, "a band's `label`"));
        let (Some(from), Some(label)) = (from, label) else {
            ok = false;
            continue;
        };
        let bad_order = match out.last() {
            None if !from.is_zero() => Some((
                format!("the first band, `{label}`, starts from {from}, not 0"),
                "must be 0".to_owned(),
            )),
            Some(prev) if from <= prev.from => Some((
                format!(
                    "band `{label}` starts from {from}, not above the band before it (`{}` from {})",
                    prev.label, prev.from
                ),
                format!("must be above {}", prev.from),
            )),
            _ => None,
        };
        if let Some((message, label)) = bad_order {
            let span = from_node.map_or(item.span, |n| n.span);
            let e = cx.error(codes::BANDS_NOT_ASCENDING, span, message);
            e.label = Some(label);
            e.help = Some("bands start from 0 and each `from` is above the one before".into());
            ok = false;
        }
        out.push(Band { from, label });
    }
    if out.is_empty() && ok {
        let e = cx.error(
            codes::BANDS_NOT_ASCENDING,
            node.span,
            "`bands` is empty; give at least one band from 0 or omit it",
        );
        e.help = Some("without `bands:` the default bands of the README apply".into());
        return None;
    }
    ok.then_some(out)
}

fn progress(cx: &mut Cx<'_>, node: &Node) -> Option<Vec<ProgressBand>> {
    let items = cx.seq(node, "`progress`")?;
    let mut out: Vec<ProgressBand> = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let Some(f) = cx.fields(item, "a progress band", BAND_KEYS) else {
            ok = false;
            continue;
        };
        let label = f
            .required(cx, "label", "a progress band")
            .and_then(|n| cx.text(n, "a progress band's `label`"));
        let from = f
            .get("from")
            .map(|n| cx.decimal(n, "a progress band's `from`"));
        let bad = match (i, from) {
            (0, None) => false,
            (0, Some(_)) => true,
            (_, None) => true,
            (_, Some(None)) => {
                ok = false;
                false
            }
            (_, Some(Some(v))) => out
                .last()
                .and_then(|p| p.from)
                .is_some_and(|prev| v <= prev),
        };
        if bad {
            let e = cx.error(
                codes::BANDS_NOT_ASCENDING,
                item.span,
                "progress bands must ascend, the first without `from`",
            );
            e.help = Some("for example: [{ label: backsliding }, { from: -2, label: no progress }, { from: 2, label: some progress }]".into());
            ok = false;
        }
        if let Some(label) = label {
            out.push(ProgressBand {
                from: from.flatten(),
                label,
            });
        } else {
            ok = false;
        }
    }
    (ok && !out.is_empty()).then_some(out)
}

/// A rule-set id: lowercase letters, digits and `-`.
fn ruleset_id(cx: &mut Cx<'_>, node: &Node) -> Option<String> {
    let id = cx.text(node, "`ruleset`")?;
    let ok = id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-');
    if !ok {
        let e = cx.error(
            codes::INVALID_ID,
            node.span,
            format!("rule set id `{id}` may use only lowercase letters, digits and `-`"),
        );
        e.label = Some("not a valid rule set id".into());
        e.help = Some(format!("for example `{}`", suggest_slug(&id)));
        return None;
    }
    Some(id)
}

/// A benchmark, criterion or source id: letters, digits, `.`, `-`, `_`.
fn item_id(cx: &mut Cx<'_>, node: &Node) -> Option<Spanned<String>> {
    let id = cx.text(node, "an id")?;
    if !id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
    {
        let e = cx.error(
            codes::INVALID_ID,
            node.span,
            format!("id `{id}` may use only letters, digits, `.`, `-` and `_`"),
        );
        e.label = Some("not a valid id".into());
        e.help = Some("for example `ID-1.2`".into());
        return None;
    }
    Some(Spanned {
        value: id,
        span: node.span,
    })
}

fn suggest_slug(id: &str) -> String {
    let slug: String = id
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    slug.trim_matches('-').to_owned()
}

fn error_count(diags: &[Diagnostic]) -> usize {
    diags.iter().filter(|d| d.is_error()).count()
}

/// How to rate a level criterion: its scale, with the scale's labels for the ends when it has
/// them.
fn level_help(r: &RuleSet, c: &Criterion) -> String {
    let end = |level: i64| match r.scale.labels.get(&level) {
        Some(label) => format!("{level} ({label})"),
        None => level.to_string(),
    };
    format!(
        "rate `{}` with a whole number from {} to {}",
        c.id,
        end(r.scale.min),
        end(r.scale.max)
    )
}

/// Sorts one file's diagnostics by where they point, so they read top to bottom like the file
/// (checks run section by section, not line by line). The sort is stable: two problems at one
/// place keep the order they were found in.
fn in_file_order(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| d.location.as_ref().map_or(0, |l| l.span.start));
}

/// The value of `key` in a mapping node, whatever its other keys.
fn value_of<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    match &node.value {
        crate::tree::Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| k.scalar() == Some(key))
            .map(|(_, v)| v),
        _ => None,
    }
}
