//! Pure scoring, exactly as SPEC section 5 defines it. Model in, numbers out: no files, no clock,
//! no floats. Every division is a `rust_decimal` division (28 significant digits); nothing is
//! rounded here, only when a report is laid out.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Aggregation, Assessment, Benchmark, Criterion, Measure, RatingValue, RuleSet};

/// The numbers of one rule set for one assessment.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSetScore {
    /// `S_R` in percent; `None` when nothing applicable is rated.
    pub score: Option<Decimal>,
    /// `C_R` in percent: the share of applicable effective weight that is rated.
    pub coverage: Decimal,
    /// In the rule set's order.
    pub benchmarks: Vec<BenchmarkScore>,
    /// Every criterion, benchmark by benchmark, in the rule set's order.
    pub criteria: Vec<CriterionScore>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BenchmarkScore {
    /// False when every criterion is rated not applicable; such a benchmark drops out.
    pub applicable: bool,
    /// `S_b` in percent; `None` when no applicable criterion is rated.
    pub score: Option<Decimal>,
    /// `T_b` in percent: the same aggregation over the criteria's targets.
    pub target: Option<Decimal>,
    /// `C_b` in percent.
    pub coverage: Option<Decimal>,
    /// Whether `S_b >= min_score`; `None` without a gate or without a score.
    pub min_score_met: Option<bool>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CriterionScore {
    /// Index of its benchmark in the rule set.
    pub benchmark: usize,
    pub status: Status,
    /// `s_c` in [0, 1], when rated.
    pub score: Option<Decimal>,
    /// `t_c` in [0, 1].
    pub target: Decimal,
    /// `g_c = max(0, t_c - s_c)`, when rated.
    pub gap: Option<Decimal>,
    /// `e_c`: the criterion's share of the rule-set score; `None` when not applicable.
    pub effective_weight: Option<Decimal>,
    /// `P_c = 100 * e_c * g_c`, when rated.
    pub points: Option<Decimal>,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// `s_c >= t_c`.
    Met,
    /// `0 < s_c < t_c`.
    Partial,
    /// `s_c = 0 < t_c`.
    Unmet,
    NotAssessed,
    NotApplicable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Partial => "partial",
            Status::Unmet => "unmet",
            Status::NotAssessed => "not-assessed",
            Status::NotApplicable => "not-applicable",
        }
    }
}

/// `s_c` for a rating of `criterion`, `None` for not applicable.
pub fn normalised(
    ruleset: &RuleSet,
    criterion: &Criterion,
    rating: &RatingValue,
) -> Option<Decimal> {
    match (rating, &criterion.measure) {
        (RatingValue::Level(level), _) => Some(ruleset.scale.normalise(*level)),
        (RatingValue::Value(value), Measure::Indicator { floor, target, .. }) => {
            Some(((value - floor) / (target - floor)).clamp(Decimal::ZERO, Decimal::ONE))
        }
        // Validation pairs values with indicators; a value on a level criterion cannot arrive here.
        (RatingValue::Value(_), Measure::Level { .. }) | (RatingValue::NotApplicable(_), _) => None,
    }
}

/// `t_c`: the normalised target.
pub fn normalised_target(ruleset: &RuleSet, criterion: &Criterion) -> Decimal {
    match criterion.measure {
        Measure::Level { target } => ruleset.scale.normalise(target),
        Measure::Indicator { .. } => Decimal::ONE,
    }
}

/// Scores one rule set for one assessment.
pub fn score(ruleset: &RuleSet, assessment: &Assessment) -> RuleSetScore {
    let items: Vec<Vec<Item>> = ruleset
        .benchmarks
        .iter()
        .map(|b| {
            b.criteria
                .iter()
                .map(|c| Item {
                    weight: c.weight,
                    target: normalised_target(ruleset, c),
                    rated: match assessment.ratings.get(&c.id) {
                        None => Rated::NotAssessed,
                        Some(r) => normalised(ruleset, c, &r.value)
                            .map_or(Rated::NotApplicable, Rated::Score),
                    },
                })
                .collect()
        })
        .collect();
    let benchmarks: Vec<BenchmarkScore> = ruleset
        .benchmarks
        .iter()
        .zip(&items)
        .map(|(b, items)| benchmark_score(b, items))
        .collect();

    let applicable_weight: Decimal = ruleset
        .benchmarks
        .iter()
        .zip(&benchmarks)
        .filter(|(_, s)| s.applicable)
        .map(|(b, _)| b.weight)
        .sum();
    let mut criteria = Vec::new();
    let mut coverage = Decimal::ZERO;
    for (bi, ((b, items), bs)) in ruleset
        .benchmarks
        .iter()
        .zip(&items)
        .zip(&benchmarks)
        .enumerate()
    {
        let sum_a: Decimal = items
            .iter()
            .filter(|i| i.applicable())
            .map(|i| i.weight)
            .sum();
        for item in items {
            let effective = (bs.applicable && item.applicable())
                .then(|| (b.weight * item.weight) / (applicable_weight * sum_a));
            let rated = match item.rated {
                Rated::Score(s) => Some(s),
                _ => None,
            };
            let gap = rated.map(|s| (item.target - s).max(Decimal::ZERO));
            if let (Some(e), Some(_)) = (effective, rated) {
                coverage += e;
            }
            let status = match item.rated {
                Rated::NotApplicable => Status::NotApplicable,
                Rated::NotAssessed => Status::NotAssessed,
                Rated::Score(s) if s >= item.target => Status::Met,
                Rated::Score(s) if s.is_zero() => Status::Unmet,
                Rated::Score(_) => Status::Partial,
            };
            criteria.push(CriterionScore {
                benchmark: bi,
                status,
                score: rated,
                target: item.target,
                gap,
                effective_weight: effective,
                points: effective
                    .zip(gap)
                    .map(|(e, g)| Decimal::ONE_HUNDRED * e * g),
            });
        }
    }
    let scored: Vec<(Decimal, Decimal)> = ruleset
        .benchmarks
        .iter()
        .zip(&benchmarks)
        .filter_map(|(b, s)| s.score.map(|sb| (b.weight, sb)))
        .collect();
    let total_weight: Decimal = scored.iter().map(|(w, _)| *w).sum();
    let score = (!scored.is_empty())
        .then(|| scored.iter().map(|(w, s)| *w * *s).sum::<Decimal>() / total_weight);
    RuleSetScore {
        score,
        coverage: Decimal::ONE_HUNDRED * coverage,
        benchmarks,
        criteria,
    }
}

/// A criterion as scoring sees it.
struct Item {
    weight: Decimal,
    /// `t_c`.
    target: Decimal,
    rated: Rated,
}

enum Rated {
    NotApplicable,
    NotAssessed,
    /// `s_c`.
    Score(Decimal),
}

impl Item {
    fn applicable(&self) -> bool {
        !matches!(self.rated, Rated::NotApplicable)
    }
}

/// `S_b`, `T_b`, `C_b` of one benchmark from its criteria.
fn benchmark_score(b: &Benchmark, items: &[Item]) -> BenchmarkScore {
    let applicable: Vec<&Item> = items.iter().filter(|i| i.applicable()).collect();
    if applicable.is_empty() {
        return BenchmarkScore {
            applicable: false,
            score: None,
            target: None,
            coverage: None,
            min_score_met: None,
        };
    }
    let rated: Vec<(Decimal, Decimal)> = applicable
        .iter()
        .filter_map(|i| match i.rated {
            Rated::Score(s) => Some((i.weight, s)),
            _ => None,
        })
        .collect();
    let targets: Vec<(Decimal, Decimal)> =
        applicable.iter().map(|i| (i.weight, i.target)).collect();
    let score = aggregate(b.aggregation, &rated);
    let sum_q: Decimal = rated.iter().map(|(w, _)| *w).sum();
    let sum_a: Decimal = applicable.iter().map(|i| i.weight).sum();
    BenchmarkScore {
        applicable: true,
        score,
        target: aggregate(b.aggregation, &targets),
        coverage: Some(Decimal::ONE_HUNDRED * sum_q / sum_a),
        min_score_met: match (b.min_score, score) {
            (Some(min), Some(s)) => Some(s >= min),
            _ => None,
        },
    }
}

/// `100 * sum(w * x) / sum(w)` or `100 * min(x)`; `None` for no items.
fn aggregate(aggregation: Aggregation, items: &[(Decimal, Decimal)]) -> Option<Decimal> {
    if items.is_empty() {
        return None;
    }
    Some(match aggregation {
        Aggregation::Mean => {
            let sum_w: Decimal = items.iter().map(|(w, _)| *w).sum();
            Decimal::ONE_HUNDRED * items.iter().map(|(w, x)| *w * *x).sum::<Decimal>() / sum_w
        }
        Aggregation::Min => {
            Decimal::ONE_HUNDRED
                * items
                    .iter()
                    .map(|(_, x)| *x)
                    .fold(Decimal::MAX, Decimal::min)
        }
    })
}
