//! The gap report: every fact a reader needs, computed once. Renderers lay it out and never
//! compute; JSON serialises this very structure (the keys of SPEC section 6 and a few more).
//!
//! Numbers are kept exact here. JSON writes percentages rounded half away from zero to two
//! decimals, as JSON numbers; human formats round to one decimal when they lay out.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::date::Date;
use crate::gaps::{self, Verdict};
use crate::model::{
    Aggregation, Assessment, Catalog, Confidence, Item, Measure, RatingValue, RuleSet,
};
use crate::score::{self, RuleSetScore, Status};

/// One assessment's gap report (`readiness score --format json`).
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Report {
    pub country: String,
    pub as_of: Date,
    pub assessors: Vec<String>,
    pub notes: Option<String>,
    /// The assessment file, as given on the command line.
    pub file: String,
    pub engine: Engine,
    pub rulesets: Vec<RuleSetReport>,
    /// The formulas in words, so any number can be checked by hand.
    pub method: Vec<String>,
}

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Engine {
    pub name: &'static str,
    pub version: &'static str,
}

pub const ENGINE: Engine = Engine {
    name: env!("CARGO_PKG_NAME"),
    version: env!("CARGO_PKG_VERSION"),
};

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct RuleSetReport {
    pub id: String,
    pub title: String,
    pub version: String,
    /// SHA-256 of the rule-set file's bytes.
    pub sha256: String,
    #[serde(serialize_with = "pct_opt")]
    #[schemars(with = "Option<f64>")]
    pub score: Option<Decimal>,
    pub band: Option<String>,
    pub verdict: Verdict,
    pub reasons: Vec<String>,
    /// The verdict if no waiver applied; present when the assessment has waivers for this rule set.
    pub without_waivers: Option<VerdictReport>,
    #[serde(serialize_with = "pct")]
    #[schemars(with = "f64")]
    pub coverage: Decimal,
    #[serde(serialize_with = "pct")]
    #[schemars(with = "f64")]
    pub ready_at: Decimal,
    #[serde(serialize_with = "pct")]
    #[schemars(with = "f64")]
    pub min_coverage: Decimal,
    pub counts: Counts,
    pub benchmarks: Vec<BenchmarkReport>,
    pub criteria: Vec<CriterionReport>,
    /// Criterion ids, ranked: required first, then points descending, then id.
    pub gaps: Vec<String>,
    pub not_assessed: Vec<String>,
    /// Rated without evidence.
    pub unsupported: Vec<String>,
    pub stale: Vec<String>,
    pub waivers: Vec<WaiverReport>,
}

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct VerdictReport {
    pub verdict: Verdict,
    pub reasons: Vec<String>,
}

#[derive(Clone, Debug, Default, Serialize, schemars::JsonSchema)]
pub struct Counts {
    pub met: usize,
    pub partial: usize,
    pub unmet: usize,
    pub not_assessed: usize,
    pub not_applicable: usize,
}

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct BenchmarkReport {
    pub id: String,
    pub title: String,
    #[serde(serialize_with = "num")]
    #[schemars(with = "f64")]
    pub weight: Decimal,
    pub aggregation: Aggregation,
    pub applicable: bool,
    #[serde(serialize_with = "pct_opt")]
    #[schemars(with = "Option<f64>")]
    pub score: Option<Decimal>,
    #[serde(serialize_with = "pct_opt")]
    #[schemars(with = "Option<f64>")]
    pub target: Option<Decimal>,
    #[serde(serialize_with = "pct_opt")]
    #[schemars(with = "Option<f64>")]
    pub coverage: Option<Decimal>,
    pub band: Option<String>,
    #[serde(serialize_with = "pct_opt")]
    #[schemars(with = "Option<f64>")]
    pub min_score: Option<Decimal>,
    pub min_score_met: Option<bool>,
}

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct CriterionReport {
    pub id: String,
    pub benchmark: String,
    pub title: String,
    pub required: bool,
    pub status: Status,
    /// `level` or `indicator`.
    pub kind: &'static str,
    pub level: Option<i64>,
    /// The scale's label for the level.
    pub level_label: Option<String>,
    #[serde(serialize_with = "num_opt")]
    #[schemars(with = "Option<f64>")]
    pub value: Option<Decimal>,
    /// The indicator's unit.
    pub unit: Option<String>,
    /// Target level (level criteria) or target value (indicators), in the criterion's own terms.
    #[serde(serialize_with = "num")]
    #[schemars(with = "f64")]
    pub target_raw: Decimal,
    /// 100 * s_c.
    #[serde(serialize_with = "pct_opt")]
    #[schemars(with = "Option<f64>")]
    pub score: Option<Decimal>,
    /// 100 * t_c.
    #[serde(serialize_with = "pct")]
    #[schemars(with = "f64")]
    pub target: Decimal,
    /// 100 * g_c.
    #[serde(serialize_with = "pct_opt")]
    #[schemars(with = "Option<f64>")]
    pub gap: Option<Decimal>,
    /// P_c: rule-set score points this gap costs.
    #[serde(serialize_with = "pct_opt")]
    #[schemars(with = "Option<f64>")]
    pub points: Option<Decimal>,
    /// 100 * e_c: the criterion's share of the rule-set score, in percent.
    #[serde(serialize_with = "pct_opt")]
    #[schemars(with = "Option<f64>")]
    pub effective_weight: Option<Decimal>,
    pub confidence: Option<Confidence>,
    pub stale: bool,
    pub waived: bool,
    pub evidence: Option<String>,
    pub sources: Vec<String>,
    pub not_applicable: Option<String>,
    pub rated_as_of: Option<Date>,
    pub remediation: Option<String>,
    pub related: Vec<RelatedReport>,
}

/// A related item and its own state in this assessment.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct RelatedReport {
    pub id: String,
    pub title: Option<String>,
    /// A criterion's status, `scored` for a benchmark, `not-scored` when its rule set is not
    /// part of this assessment, `unknown` when no loaded rule set defines it.
    pub state: String,
    #[serde(serialize_with = "pct_opt")]
    #[schemars(with = "Option<f64>")]
    pub score: Option<Decimal>,
}

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct WaiverReport {
    pub criterion: String,
    pub justification: String,
    pub approved_by: Option<String>,
    pub expires: Option<Date>,
    pub expired: bool,
}

/// Builds the report of one assessment against the catalog it was validated with.
pub fn build(catalog: &Catalog, assessment: &Assessment) -> Report {
    let scored: Vec<(&RuleSet, RuleSetScore)> = assessment
        .rulesets
        .iter()
        .filter_map(|id| catalog.ruleset(id))
        .map(|r| (r, score::score(r, assessment)))
        .collect();
    // Status of every scored criterion and benchmark, for the `related` column.
    let mut states: BTreeMap<&str, (String, Option<Decimal>)> = BTreeMap::new();
    for (r, s) in &scored {
        for (b, bs) in r.benchmarks.iter().zip(&s.benchmarks) {
            states.insert(&b.id, ("scored".into(), bs.score));
        }
        for (c, cs) in r
            .benchmarks
            .iter()
            .flat_map(|b| &b.criteria)
            .zip(&s.criteria)
        {
            states.insert(
                &c.id,
                (
                    cs.status.as_str().into(),
                    cs.score.map(|x| x * Decimal::ONE_HUNDRED),
                ),
            );
        }
    }
    let rulesets = scored
        .iter()
        .map(|(r, s)| ruleset_report(catalog, assessment, r, s, &states))
        .collect();
    Report {
        country: assessment.country.clone(),
        as_of: assessment.as_of,
        assessors: assessment.assessors.clone(),
        notes: assessment.notes.clone(),
        file: assessment.path.to_string(),
        engine: ENGINE,
        rulesets,
        method: method(),
    }
}

fn ruleset_report(
    catalog: &Catalog,
    assessment: &Assessment,
    r: &RuleSet,
    s: &RuleSetScore,
    states: &BTreeMap<&str, (String, Option<Decimal>)>,
) -> RuleSetReport {
    let judged = gaps::judge(r, assessment, s, true);
    let mut counts = Counts::default();
    let mut criteria = Vec::new();
    let mut not_assessed = Vec::new();
    let mut unsupported = Vec::new();
    let mut stale = Vec::new();
    let mut waivers = Vec::new();
    for (c, cs) in r
        .benchmarks
        .iter()
        .flat_map(|b| b.criteria.iter().map(move |c| (b, c)))
        .zip(&s.criteria)
    {
        let (b, c) = c;
        match cs.status {
            Status::Met => counts.met += 1,
            Status::Partial => counts.partial += 1,
            Status::Unmet => counts.unmet += 1,
            Status::NotAssessed => counts.not_assessed += 1,
            Status::NotApplicable => counts.not_applicable += 1,
        }
        let rating = assessment.ratings.get(&c.id);
        let is_stale = match (r.max_evidence_age_days, rating.and_then(|x| x.as_of)) {
            (Some(max), Some(d)) => assessment.as_of.days_since(d) > max,
            _ => false,
        };
        if cs.status == Status::NotAssessed {
            not_assessed.push(c.id.clone());
        }
        if rating.is_some_and(|x| {
            x.evidence.is_none() && !matches!(x.value, RatingValue::NotApplicable(_))
        }) {
            unsupported.push(c.id.clone());
        }
        if is_stale {
            stale.push(c.id.clone());
        }
        if let Some(w) = assessment.waivers.get(&c.id) {
            waivers.push(WaiverReport {
                criterion: c.id.clone(),
                justification: w.justification.clone(),
                approved_by: w.approved_by.clone(),
                expires: w.expires,
                expired: !gaps::waiver_active(assessment, &c.id),
            });
        }
        let (kind, unit, target_raw) = match &c.measure {
            Measure::Level { target } => ("level", None, Decimal::from(*target)),
            Measure::Indicator { unit, target, .. } => ("indicator", Some(unit.clone()), *target),
        };
        let level = match rating.map(|x| &x.value) {
            Some(RatingValue::Level(l)) => Some(*l),
            _ => None,
        };
        criteria.push(CriterionReport {
            id: c.id.clone(),
            benchmark: b.id.clone(),
            title: c.title.clone(),
            required: c.required,
            status: cs.status,
            kind,
            level,
            level_label: level.and_then(|l| r.scale.label(l)).map(str::to_owned),
            value: match rating.map(|x| &x.value) {
                Some(RatingValue::Value(v)) => Some(*v),
                _ => None,
            },
            unit,
            target_raw,
            score: cs.score.map(|x| x * Decimal::ONE_HUNDRED),
            target: cs.target * Decimal::ONE_HUNDRED,
            gap: cs.gap.map(|x| x * Decimal::ONE_HUNDRED),
            points: cs.points,
            effective_weight: cs.effective_weight.map(|x| x * Decimal::ONE_HUNDRED),
            confidence: rating.map(|x| x.confidence),
            stale: is_stale,
            waived: gaps::waiver_active(assessment, &c.id),
            evidence: rating.and_then(|x| x.evidence.clone()),
            sources: rating.map(|x| x.sources.clone()).unwrap_or_default(),
            not_applicable: match rating.map(|x| &x.value) {
                Some(RatingValue::NotApplicable(why)) => Some(why.clone()),
                _ => None,
            },
            rated_as_of: rating.and_then(|x| x.as_of),
            remediation: c.remediation.clone(),
            related: c
                .related
                .iter()
                .map(|id| related(catalog, states, id))
                .collect(),
        });
    }
    let without_waivers = (!waivers.is_empty()).then(|| {
        let j = gaps::judge(r, assessment, s, false);
        VerdictReport {
            verdict: j.verdict,
            reasons: j.reasons,
        }
    });
    let ids: Vec<&str> = r
        .benchmarks
        .iter()
        .flat_map(|b| &b.criteria)
        .map(|c| c.id.as_str())
        .collect();
    RuleSetReport {
        id: r.id.clone(),
        title: r.title.clone(),
        version: r.version.clone(),
        sha256: r.sha256.clone(),
        score: s.score,
        band: s.score.and_then(|x| gaps::band(r, x)).map(str::to_owned),
        verdict: judged.verdict,
        reasons: judged.reasons,
        without_waivers,
        coverage: s.coverage,
        ready_at: r.ready_at,
        min_coverage: r.min_coverage,
        counts,
        benchmarks: r
            .benchmarks
            .iter()
            .zip(&s.benchmarks)
            .map(|(b, bs)| BenchmarkReport {
                id: b.id.clone(),
                title: b.title.clone(),
                weight: b.weight,
                aggregation: b.aggregation,
                applicable: bs.applicable,
                score: bs.score,
                target: bs.target,
                coverage: bs.coverage,
                band: bs.score.and_then(|x| gaps::band(r, x)).map(str::to_owned),
                min_score: b.min_score,
                min_score_met: bs.min_score_met,
            })
            .collect(),
        criteria,
        gaps: gaps::ranked_gaps(r, s)
            .into_iter()
            .filter_map(|i| ids.get(i).map(|id| (*id).to_owned()))
            .collect(),
        not_assessed,
        unsupported,
        stale,
        waivers,
    }
}

fn related(
    catalog: &Catalog,
    states: &BTreeMap<&str, (String, Option<Decimal>)>,
    id: &str,
) -> RelatedReport {
    let title = catalog.find(id).map(|item| match item {
        Item::RuleSet(r) => r.title.clone(),
        Item::Benchmark(_, b) => b.title.clone(),
        Item::Criterion(_, _, c) => c.title.clone(),
    });
    let (state, score) = match (states.get(id), &title) {
        (Some((state, score)), _) => (state.clone(), *score),
        (None, Some(_)) => ("not-scored".to_owned(), None),
        (None, None) => ("unknown".to_owned(), None),
    };
    RelatedReport {
        id: id.to_owned(),
        title,
        state,
        score,
    }
}

/// The formulas of SPEC section 5, in words.
fn method() -> Vec<String> {
    [
        "A level criterion scores (level - scale min) / (scale max - scale min); its target the same of its target level.",
        "An indicator scores (value - floor) / (target - floor), clamped to 0..1; its target is 1. A floor above the target means lower is better.",
        "A criterion is met when its score reaches its target; partial when above 0 but below target; unmet at 0.",
        "A benchmark's score is the weighted mean of its rated, applicable criteria (or their minimum, for `min` benchmarks), in percent. Criteria rated not applicable drop out.",
        "A benchmark's coverage is the weight of its rated criteria over the weight of its applicable criteria.",
        "The rule-set score is the weighted mean of the benchmark scores that exist.",
        "A criterion's effective weight is (benchmark weight / all applicable benchmark weight) x (criterion weight / its benchmark's applicable criterion weight); rule-set coverage is the sum of effective weights of rated criteria.",
        "A gap is target - score when positive; its points are 100 x effective weight x gap: with mean aggregation and full coverage, exactly what the rule-set score gains when the criterion reaches its target.",
        "Verdict: insufficient-evidence when nothing is rated, coverage is below the minimum or a required criterion is not assessed; else not-ready when a required criterion is not met, a benchmark is below its minimum score or the score is below the ready mark; else ready. Waivers in force lift the required-criterion conditions.",
        "Human formats round half away from zero to one decimal; JSON and CSV to two.",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect()
}

/// Rounds half away from zero to `dp` decimals and drops trailing zeros.
pub fn round(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

fn pct<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    rust_decimal::serde::arbitrary_precision::serialize(&round(*d, 2), s)
}

fn pct_opt<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => pct(d, s),
        None => s.serialize_none(),
    }
}

fn num<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    rust_decimal::serde::arbitrary_precision::serialize(&d.normalize(), s)
}

fn num_opt<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => num(d, s),
        None => s.serialize_none(),
    }
}
