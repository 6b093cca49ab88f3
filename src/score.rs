//! Pure scoring, exactly as SPEC section 5 defines it. Model in, numbers out: no files, no clock,
//! no floats.
//!
//! Inside, every quantity is an exact rational built from the input decimals, so a level of 1
//! on a 0..3 scale is 1/3, not 0.333...; sums and divisions lose nothing, and every threshold
//! (met, `min_score`, `ready_at`, `min_coverage`) is compared exactly. Each number that leaves
//! this module is that exact value correctly rounded to a `Decimal` (28 significant digits);
//! reports round again, to one or two decimals, only when they lay it out.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
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
    /// `C_R >= min_coverage`, compared exactly.
    pub coverage_met: bool,
    /// `S_R >= ready_at`, compared exactly; false when `S_R` is undefined.
    pub ready_mark_met: bool,
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
    exact_normalised(ruleset, criterion, rating).map(|s| to_decimal(&s))
}

/// `t_c`: the normalised target.
pub fn normalised_target(ruleset: &RuleSet, criterion: &Criterion) -> Decimal {
    to_decimal(&exact_target(ruleset, criterion))
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
                    weight: exact(c.weight),
                    target: exact_target(ruleset, c),
                    rated: match assessment.ratings.get(&c.id) {
                        None => Rated::NotAssessed,
                        Some(r) => exact_normalised(ruleset, c, &r.value)
                            .map_or(Rated::NotApplicable, Rated::Score),
                    },
                })
                .collect()
        })
        .collect();
    let hundred = BigRational::from_integer(BigInt::from(100));
    let benchmarks: Vec<Exact> = ruleset
        .benchmarks
        .iter()
        .zip(&items)
        .map(|(b, items)| benchmark_score(b, items))
        .collect();

    let applicable_weight: BigRational = ruleset
        .benchmarks
        .iter()
        .zip(&benchmarks)
        .filter(|(_, s)| s.applicable)
        .map(|(b, _)| exact(b.weight))
        .sum();
    let mut criteria = Vec::new();
    let mut coverage = BigRational::zero();
    for (bi, ((b, items), bs)) in ruleset
        .benchmarks
        .iter()
        .zip(&items)
        .zip(&benchmarks)
        .enumerate()
    {
        let sum_a: BigRational = items
            .iter()
            .filter(|i| i.applicable())
            .map(|i| i.weight.clone())
            .sum();
        for item in items {
            let effective = (bs.applicable && item.applicable())
                .then(|| (exact(b.weight) * &item.weight) / (&applicable_weight * &sum_a));
            let rated = match &item.rated {
                Rated::Score(s) => Some(s),
                _ => None,
            };
            let gap = rated.map(|s| (&item.target - s).max(BigRational::zero()));
            if let (Some(e), Some(_)) = (&effective, rated) {
                coverage += e;
            }
            let status = match &item.rated {
                Rated::NotApplicable => Status::NotApplicable,
                Rated::NotAssessed => Status::NotAssessed,
                Rated::Score(s) if *s >= item.target => Status::Met,
                Rated::Score(s) if s.is_zero() => Status::Unmet,
                Rated::Score(_) => Status::Partial,
            };
            let points = effective
                .as_ref()
                .zip(gap.as_ref())
                .map(|(e, g)| &hundred * e * g);
            criteria.push(CriterionScore {
                benchmark: bi,
                status,
                score: rated.map(to_decimal),
                target: to_decimal(&item.target),
                gap: gap.as_ref().map(to_decimal),
                effective_weight: effective.as_ref().map(to_decimal),
                points: points.as_ref().map(to_decimal),
            });
        }
    }
    let scored: Vec<(BigRational, &BigRational)> = ruleset
        .benchmarks
        .iter()
        .zip(&benchmarks)
        .filter_map(|(b, s)| s.score.as_ref().map(|sb| (exact(b.weight), sb)))
        .collect();
    let total_weight: BigRational = scored.iter().map(|(w, _)| w.clone()).sum();
    let score = (!scored.is_empty())
        .then(|| scored.iter().map(|(w, s)| w * *s).sum::<BigRational>() / total_weight);
    let coverage = hundred * coverage;
    RuleSetScore {
        ready_mark_met: score
            .as_ref()
            .is_some_and(|s| *s >= exact(ruleset.ready_at)),
        coverage_met: coverage >= exact(ruleset.min_coverage),
        score: score.as_ref().map(to_decimal),
        coverage: to_decimal(&coverage),
        benchmarks: ruleset
            .benchmarks
            .iter()
            .zip(benchmarks)
            .map(|(b, e)| BenchmarkScore {
                applicable: e.applicable,
                min_score_met: match (b.min_score, &e.score) {
                    (Some(min), Some(s)) => Some(*s >= exact(min)),
                    _ => None,
                },
                score: e.score.as_ref().map(to_decimal),
                target: e.target.as_ref().map(to_decimal),
                coverage: e.coverage.as_ref().map(to_decimal),
            })
            .collect(),
        criteria,
    }
}

/// A decimal as an exact rational.
pub fn exact(d: Decimal) -> BigRational {
    BigRational::new(BigInt::from(d.mantissa()), BigInt::from(10).pow(d.scale()))
}

/// An exact rational as the nearest `Decimal` (half away from zero), keeping as many decimals
/// as fit in 28 significant digits; trailing zeros dropped.
pub fn to_decimal(q: &BigRational) -> Decimal {
    let limit = BigInt::from(1_u128 << 96);
    let magnitude = q.abs();
    let two = BigInt::from(2);
    for scale in (0..=28_u32).rev() {
        let scaled = magnitude.numer() * BigInt::from(10).pow(scale) * &two + magnitude.denom();
        let m = scaled / (magnitude.denom() * &two);
        if m < limit
            && let Some(m) = m.to_i128()
        {
            let m = if q.is_negative() { -m } else { m };
            return Decimal::from_i128_with_scale(m, scale).normalize();
        }
    }
    if q.is_negative() {
        Decimal::MIN
    } else {
        Decimal::MAX
    }
}

fn exact_normalised(
    ruleset: &RuleSet,
    criterion: &Criterion,
    rating: &RatingValue,
) -> Option<BigRational> {
    match (rating, &criterion.measure) {
        (RatingValue::Level(level), _) => Some(level_fraction(ruleset, *level)),
        (RatingValue::Value(value), Measure::Indicator { floor, target, .. }) => {
            let s = (exact(*value) - exact(*floor)) / (exact(*target) - exact(*floor));
            Some(s.clamp(BigRational::zero(), BigRational::one()))
        }
        // Validation pairs values with indicators; a value on a level criterion cannot arrive here.
        (RatingValue::Value(_), Measure::Level { .. }) | (RatingValue::NotApplicable(_), _) => None,
    }
}

fn exact_target(ruleset: &RuleSet, criterion: &Criterion) -> BigRational {
    match criterion.measure {
        Measure::Level { target } => level_fraction(ruleset, target),
        Measure::Indicator { .. } => BigRational::one(),
    }
}

/// `(level - min) / (max - min)`.
fn level_fraction(ruleset: &RuleSet, level: i64) -> BigRational {
    BigRational::new(
        BigInt::from(level - ruleset.scale.min),
        BigInt::from(ruleset.scale.max - ruleset.scale.min),
    )
}

/// A criterion as scoring sees it.
struct Item {
    weight: BigRational,
    /// `t_c`.
    target: BigRational,
    rated: Rated,
}

enum Rated {
    NotApplicable,
    NotAssessed,
    /// `s_c`.
    Score(BigRational),
}

impl Item {
    fn applicable(&self) -> bool {
        !matches!(self.rated, Rated::NotApplicable)
    }
}

/// A benchmark's exact numbers, in percent.
struct Exact {
    applicable: bool,
    score: Option<BigRational>,
    target: Option<BigRational>,
    coverage: Option<BigRational>,
}

/// `S_b`, `T_b`, `C_b` of one benchmark from its criteria.
fn benchmark_score(b: &Benchmark, items: &[Item]) -> Exact {
    let applicable: Vec<&Item> = items.iter().filter(|i| i.applicable()).collect();
    if applicable.is_empty() {
        return Exact {
            applicable: false,
            score: None,
            target: None,
            coverage: None,
        };
    }
    let rated: Vec<(&BigRational, &BigRational)> = applicable
        .iter()
        .filter_map(|i| match &i.rated {
            Rated::Score(s) => Some((&i.weight, s)),
            _ => None,
        })
        .collect();
    let targets: Vec<(&BigRational, &BigRational)> =
        applicable.iter().map(|i| (&i.weight, &i.target)).collect();
    let sum_q: BigRational = rated.iter().map(|(w, _)| (*w).clone()).sum();
    let sum_a: BigRational = applicable.iter().map(|i| i.weight.clone()).sum();
    Exact {
        applicable: true,
        score: aggregate(b.aggregation, &rated),
        target: aggregate(b.aggregation, &targets),
        coverage: Some(BigRational::from_integer(BigInt::from(100)) * sum_q / sum_a),
    }
}

/// `100 * sum(w * x) / sum(w)` or `100 * min(x)`; `None` for no items.
fn aggregate(
    aggregation: Aggregation,
    items: &[(&BigRational, &BigRational)],
) -> Option<BigRational> {
    let hundred = BigRational::from_integer(BigInt::from(100));
    match aggregation {
        Aggregation::Mean => {
            let sum_w: BigRational = items.iter().map(|(w, _)| (*w).clone()).sum();
            (!items.is_empty())
                .then(|| hundred * items.iter().map(|(w, x)| *w * *x).sum::<BigRational>() / sum_w)
        }
        Aggregation::Min => items.iter().map(|(_, x)| *x).min().map(|m| hundred * m),
    }
}
