//! Validated rule sets and assessments. Every value here has passed [`crate::validate`], so the
//! scoring code never re-checks: scales are ordered, weights positive, ratings match their
//! criterion's kind and scale.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::date::Date;
use crate::diagnostic::Span;

/// One framework: benchmarks, their criteria, the scale and the thresholds.
#[derive(Clone, Debug)]
pub struct RuleSet {
    pub id: String,
    pub title: String,
    pub version: String,
    pub summary: Option<String>,
    pub sources: Vec<Source>,
    pub scale: Scale,
    pub aggregation: Aggregation,
    /// Percent; a rule-set score below it is not ready.
    pub ready_at: Decimal,
    /// Percent of applicable weight that must be rated for any verdict.
    pub min_coverage: Decimal,
    pub max_evidence_age_days: Option<i64>,
    /// Ascending, the first from 0.
    pub bands: Vec<Band>,
    /// Progress labels for `compare`: ascending, the first from `None` (minus infinity).
    pub progress: Vec<ProgressBand>,
    pub benchmarks: Vec<Benchmark>,
    /// Where it was read from, and the SHA-256 of its bytes.
    pub path: Arc<str>,
    pub sha256: String,
    /// Where the `ruleset:` id is written.
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub year: Option<i64>,
    pub url: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
    pub labels: BTreeMap<i64, String>,
}

impl Scale {
    pub fn label(&self, level: i64) -> Option<&str> {
        self.labels.get(&level).map(String::as_str)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Aggregation {
    Mean,
    Min,
}

impl Aggregation {
    pub fn as_str(self) -> &'static str {
        match self {
            Aggregation::Mean => "mean",
            Aggregation::Min => "min",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Band {
    pub from: Decimal,
    pub label: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ProgressBand {
    pub from: Option<Decimal>,
    pub label: String,
}

#[derive(Clone, Debug)]
pub struct Benchmark {
    pub id: String,
    pub title: String,
    pub weight: Decimal,
    pub aggregation: Aggregation,
    /// Percent gate on the benchmark score.
    pub min_score: Option<Decimal>,
    pub criteria: Vec<Criterion>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Criterion {
    pub id: String,
    pub title: String,
    pub weight: Decimal,
    pub required: bool,
    pub measure: Measure,
    /// What each level looks like.
    pub guidance: BTreeMap<i64, String>,
    pub remediation: Option<String>,
    pub sources: Vec<String>,
    pub related: Vec<String>,
    pub span: Span,
}

/// How a criterion is rated.
#[derive(Clone, Debug)]
pub enum Measure {
    /// An analyst's level on the rule set's scale; met at `target`.
    Level { target: i64 },
    /// A measured number; `floor` scores 0, `target` scores 1. A floor above the target means
    /// lower is better.
    Indicator {
        unit: String,
        floor: Decimal,
        target: Decimal,
    },
}

/// One country at one date, rated against one or more rule sets.
#[derive(Clone, Debug)]
pub struct Assessment {
    pub country: String,
    pub as_of: Date,
    /// The rule sets it is scored against, in load order.
    pub rulesets: Vec<String>,
    pub assessors: Vec<String>,
    pub notes: Option<String>,
    /// By criterion id.
    pub ratings: BTreeMap<String, Rating>,
    pub waivers: BTreeMap<String, Waiver>,
    pub path: Arc<str>,
}

#[derive(Clone, Debug)]
pub struct Rating {
    pub value: RatingValue,
    pub evidence: Option<String>,
    pub sources: Vec<String>,
    pub confidence: Confidence,
    pub as_of: Option<Date>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RatingValue {
    Level(i64),
    Value(Decimal),
    NotApplicable(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Waiver {
    pub justification: String,
    pub approved_by: Option<String>,
    pub expires: Option<Date>,
}

/// Every loaded rule set, with an index from every id to where it is: an assessment of 500
/// ratings looks up 500 ids, and a scan per lookup made validation quadratic.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    pub rulesets: Vec<RuleSet>,
    /// Id -> (rule set, benchmark, criterion) positions. Ids are unique across the catalog.
    index: HashMap<String, (usize, Option<usize>, Option<usize>)>,
}

/// What an id names.
#[derive(Clone, Copy, Debug)]
pub enum Item<'a> {
    RuleSet(&'a RuleSet),
    Benchmark(&'a RuleSet, &'a Benchmark),
    Criterion(&'a RuleSet, &'a Benchmark, &'a Criterion),
}

impl Catalog {
    /// A catalog of rule sets whose ids are unique (as [`crate::validate::catalog`] ensures;
    /// with a duplicate, the first definition wins).
    pub fn new(rulesets: Vec<RuleSet>) -> Catalog {
        let mut index = HashMap::new();
        for (ri, r) in rulesets.iter().enumerate() {
            index.entry(r.id.clone()).or_insert((ri, None, None));
            for (bi, b) in r.benchmarks.iter().enumerate() {
                index.entry(b.id.clone()).or_insert((ri, Some(bi), None));
                for (ci, c) in b.criteria.iter().enumerate() {
                    index
                        .entry(c.id.clone())
                        .or_insert((ri, Some(bi), Some(ci)));
                }
            }
        }
        Catalog { rulesets, index }
    }

    pub fn ruleset(&self, id: &str) -> Option<&RuleSet> {
        match self.find(id)? {
            Item::RuleSet(r) => Some(r),
            _ => None,
        }
    }

    /// The rule set, benchmark or criterion with this id.
    pub fn find(&self, id: &str) -> Option<Item<'_>> {
        let &(ri, bi, ci) = self.index.get(id)?;
        let r = self.rulesets.get(ri)?;
        let Some(bi) = bi else {
            return Some(Item::RuleSet(r));
        };
        let b = r.benchmarks.get(bi)?;
        let Some(ci) = ci else {
            return Some(Item::Benchmark(r, b));
        };
        Some(Item::Criterion(r, b, b.criteria.get(ci)?))
    }

    /// Every id, for "did you mean" suggestions.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.rulesets.iter().flat_map(|r| {
            std::iter::once(r.id.as_str()).chain(r.benchmarks.iter().flat_map(|b| {
                std::iter::once(b.id.as_str()).chain(b.criteria.iter().map(|c| c.id.as_str()))
            }))
        })
    }
}
