//! Pure scoring, exactly as SPEC section 5 defines it. Model in, numbers out: no files, no clock,
//! no floats.
//!
//! Inside, every quantity is an exact rational built from the input decimals, so a level of 1
//! on a 0..3 scale is 1/3, not 0.333...; sums and divisions lose nothing, and every threshold
//! (met, `min_score`, `ready_at`, `min_coverage`) is compared exactly. Each number that leaves
//! this module is that exact value correctly rounded to a `Decimal` (28 significant digits);
//! reports round again, to one or two decimals, only when they lay it out.
//!
//! The fractions are 128-bit, which holds every realistic rule set and is fast; should a sum
//! ever overflow them, the rule set is scored again with arbitrary-precision fractions, so the
//! result is the same either way.

use num_bigint::BigInt;
use num_rational::{BigRational, Ratio};
use num_traits::{CheckedAdd, CheckedDiv, CheckedMul, CheckedSub, Signed, ToPrimitive, Zero};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Aggregation, Assessment, Benchmark, Criterion, Measure, RatingValue, RuleSet};

/// The numbers of one rule set for one assessment.
#[derive(Clone, Debug, Default, PartialEq)]
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
    let fast = exact_normalised::<Small>(ruleset, criterion, rating);
    match fast {
        Some(s) => s.map(|s| s.to_decimal()),
        None => exact_normalised::<BigRational>(ruleset, criterion, rating)
            .flatten()
            .map(|s| s.to_decimal()),
    }
}

/// `t_c`: the normalised target.
pub fn normalised_target(ruleset: &RuleSet, criterion: &Criterion) -> Decimal {
    match exact_target::<Small>(ruleset, criterion) {
        Some(t) => t.to_decimal(),
        None => exact_target::<BigRational>(ruleset, criterion)
            .map_or(Decimal::ZERO, |t| t.to_decimal()),
    }
}

/// Scores one rule set for one assessment.
pub fn score(ruleset: &RuleSet, assessment: &Assessment) -> RuleSetScore {
    compute::<Small>(ruleset, assessment)
        .or_else(|| compute::<BigRational>(ruleset, assessment))
        .unwrap_or_default()
}

/// [`score`] computed with arbitrary-precision fractions only, never the 128-bit fast path.
/// For tests that prove both paths give the same result.
#[doc(hidden)]
pub fn score_arbitrary_precision(ruleset: &RuleSet, assessment: &Assessment) -> RuleSetScore {
    compute::<BigRational>(ruleset, assessment).unwrap_or_default()
}

/// A 128-bit exact fraction, the fast path.
type Small = Ratio<i128>;

/// Exact fractions as scoring needs them. Every operation says when it would overflow (`None`);
/// for arbitrary-precision fractions it never does.
trait Exact: Clone + Ord + Sized {
    fn from_decimal(d: Decimal) -> Option<Self>;
    fn fraction(numerator: i64, denominator: i64) -> Option<Self>;
    fn int(n: i64) -> Self;
    fn add(&self, other: &Self) -> Option<Self>;
    fn sub(&self, other: &Self) -> Option<Self>;
    fn mul(&self, other: &Self) -> Option<Self>;
    fn div(&self, other: &Self) -> Option<Self>;
    fn is_zero(&self) -> bool;
    /// The nearest `Decimal` (half away from zero) with as many decimals as fit in 28
    /// significant digits; trailing zeros dropped.
    fn to_decimal(&self) -> Decimal;
}

impl Exact for Small {
    fn from_decimal(d: Decimal) -> Option<Self> {
        let denominator = 10_i128.checked_pow(d.scale())?;
        Some(Ratio::new(d.mantissa(), denominator))
    }
    fn fraction(numerator: i64, denominator: i64) -> Option<Self> {
        (denominator != 0).then(|| Ratio::new(i128::from(numerator), i128::from(denominator)))
    }
    fn int(n: i64) -> Self {
        Ratio::from_integer(i128::from(n))
    }
    fn add(&self, other: &Self) -> Option<Self> {
        self.checked_add(other)
    }
    fn sub(&self, other: &Self) -> Option<Self> {
        self.checked_sub(other)
    }
    fn mul(&self, other: &Self) -> Option<Self> {
        self.checked_mul(other)
    }
    fn div(&self, other: &Self) -> Option<Self> {
        self.checked_div(other)
    }
    fn is_zero(&self) -> bool {
        Zero::is_zero(self)
    }
    fn to_decimal(&self) -> Decimal {
        // Most scores are small fractions: n * 10^k / d in 128 bits, one division. The scale
        // is the largest that fits 96 bits, as in the arbitrary-precision version.
        let (n, d) = (self.numer().unsigned_abs(), self.denom().unsigned_abs());
        let whole_digits = (n / d).checked_ilog10().map_or(1, |l| l + 1);
        for scale in (28_u32.saturating_sub(whole_digits)
            ..=29_u32.saturating_sub(whole_digits).min(28))
            .rev()
        {
            let m = 10_u128
                .checked_pow(scale)
                .and_then(|p| n.checked_mul(p))
                .and_then(|x| x.checked_mul(2))
                .and_then(|x| x.checked_add(d))
                .and_then(|x| Some(x / d.checked_mul(2)?));
            match m.and_then(|m| i128::try_from(m).ok()) {
                Some(m) if m < 1 << 96 => {
                    let m = if self.is_negative() { -m } else { m };
                    return Decimal::from_i128_with_scale(m, scale).normalize();
                }
                Some(_) => continue,
                None => break,
            }
        }
        BigRational::new(BigInt::from(*self.numer()), BigInt::from(*self.denom())).to_decimal()
    }
}

impl Exact for BigRational {
    fn from_decimal(d: Decimal) -> Option<Self> {
        Some(BigRational::new(
            BigInt::from(d.mantissa()),
            BigInt::from(10).pow(d.scale()),
        ))
    }
    fn fraction(numerator: i64, denominator: i64) -> Option<Self> {
        (denominator != 0)
            .then(|| BigRational::new(BigInt::from(numerator), BigInt::from(denominator)))
    }
    fn int(n: i64) -> Self {
        BigRational::from_integer(BigInt::from(n))
    }
    fn add(&self, other: &Self) -> Option<Self> {
        Some(self + other)
    }
    fn sub(&self, other: &Self) -> Option<Self> {
        Some(self - other)
    }
    fn mul(&self, other: &Self) -> Option<Self> {
        Some(self * other)
    }
    fn div(&self, other: &Self) -> Option<Self> {
        (!Zero::is_zero(other)).then(|| self / other)
    }
    fn is_zero(&self) -> bool {
        Zero::is_zero(self)
    }
    fn to_decimal(&self) -> Decimal {
        let limit = BigInt::from(1_u128 << 96);
        let magnitude = self.abs();
        let two = BigInt::from(2);
        for scale in (0..=28_u32).rev() {
            let scaled = magnitude.numer() * BigInt::from(10).pow(scale) * &two + magnitude.denom();
            let m = scaled / (magnitude.denom() * &two);
            if m < limit
                && let Some(m) = m.to_i128()
            {
                let m = if self.is_negative() { -m } else { m };
                return Decimal::from_i128_with_scale(m, scale).normalize();
            }
        }
        if self.is_negative() {
            Decimal::MIN
        } else {
            Decimal::MAX
        }
    }
}

/// The sum of `items`, `None` on overflow.
fn sum<'a, F: Exact + 'a>(items: impl IntoIterator<Item = &'a F>) -> Option<F> {
    items.into_iter().try_fold(F::int(0), |acc, x| acc.add(x))
}

/// Scores in the fraction type `F`; `None` when `F` overflows.
fn compute<F: Exact>(ruleset: &RuleSet, assessment: &Assessment) -> Option<RuleSetScore> {
    let mut items: Vec<Vec<Item<F>>> = Vec::with_capacity(ruleset.benchmarks.len());
    for b in &ruleset.benchmarks {
        let mut row = Vec::with_capacity(b.criteria.len());
        for c in &b.criteria {
            let rated = match assessment.ratings.get(&c.id) {
                None => Rated::NotAssessed,
                Some(r) => exact_normalised::<F>(ruleset, c, &r.value)?
                    .map_or(Rated::NotApplicable, Rated::Score),
            };
            row.push(Item {
                weight: F::from_decimal(c.weight)?,
                target: exact_target::<F>(ruleset, c)?,
                rated,
            });
        }
        items.push(row);
    }
    let hundred = F::int(100);
    let mut benchmarks = Vec::with_capacity(items.len());
    for (b, row) in ruleset.benchmarks.iter().zip(&items) {
        benchmarks.push(benchmark_score(b, row)?);
    }
    let weights: Vec<F> = ruleset
        .benchmarks
        .iter()
        .map(|b| F::from_decimal(b.weight))
        .collect::<Option<_>>()?;
    let applicable_weight = sum(weights
        .iter()
        .zip(&benchmarks)
        .filter(|(_, s)| s.applicable)
        .map(|(w, _)| w))?;

    let mut criteria = Vec::new();
    let mut coverage = F::int(0);
    for (bi, ((w_b, row), bs)) in weights.iter().zip(&items).zip(&benchmarks).enumerate() {
        let sum_a = sum(row.iter().filter(|i| i.applicable()).map(|i| &i.weight))?;
        for item in row {
            let effective = match bs.applicable && item.applicable() {
                true => Some(
                    w_b.mul(&item.weight)?
                        .div(&applicable_weight.mul(&sum_a)?)?,
                ),
                false => None,
            };
            let rated = match &item.rated {
                Rated::Score(s) => Some(s),
                _ => None,
            };
            let gap = match rated {
                Some(s) => Some(item.target.sub(s)?.max(F::int(0))),
                None => None,
            };
            if let (Some(e), Some(_)) = (&effective, rated) {
                coverage = coverage.add(e)?;
            }
            let status = match &item.rated {
                Rated::NotApplicable => Status::NotApplicable,
                Rated::NotAssessed => Status::NotAssessed,
                Rated::Score(s) if *s >= item.target => Status::Met,
                Rated::Score(s) if s.is_zero() => Status::Unmet,
                Rated::Score(_) => Status::Partial,
            };
            let points = match (&effective, &gap) {
                (Some(e), Some(g)) => Some(hundred.mul(e)?.mul(g)?),
                _ => None,
            };
            criteria.push(CriterionScore {
                benchmark: bi,
                status,
                score: rated.map(F::to_decimal),
                target: item.target.to_decimal(),
                gap: gap.as_ref().map(F::to_decimal),
                effective_weight: effective.as_ref().map(F::to_decimal),
                points: points.as_ref().map(F::to_decimal),
            });
        }
    }
    let mut total_weight = F::int(0);
    let mut weighted = F::int(0);
    for (w, bs) in weights.iter().zip(&benchmarks) {
        if let Some(s) = &bs.score {
            total_weight = total_weight.add(w)?;
            weighted = weighted.add(&w.mul(s)?)?;
        }
    }
    let score = match total_weight.is_zero() {
        true => None,
        false => Some(weighted.div(&total_weight)?),
    };
    let coverage = hundred.mul(&coverage)?;
    let mut out = Vec::with_capacity(benchmarks.len());
    for (b, e) in ruleset.benchmarks.iter().zip(benchmarks) {
        let min_score_met = match (b.min_score, &e.score) {
            (Some(min), Some(s)) => Some(*s >= F::from_decimal(min)?),
            _ => None,
        };
        out.push(BenchmarkScore {
            applicable: e.applicable,
            min_score_met,
            score: e.score.as_ref().map(F::to_decimal),
            target: e.target.as_ref().map(F::to_decimal),
            coverage: e.coverage.as_ref().map(F::to_decimal),
        });
    }
    Some(RuleSetScore {
        ready_mark_met: match &score {
            Some(s) => *s >= F::from_decimal(ruleset.ready_at)?,
            None => false,
        },
        coverage_met: coverage >= F::from_decimal(ruleset.min_coverage)?,
        score: score.as_ref().map(F::to_decimal),
        coverage: coverage.to_decimal(),
        benchmarks: out,
        criteria,
    })
}

/// `s_c`: `Some(None)` for not applicable, `None` on overflow.
fn exact_normalised<F: Exact>(
    ruleset: &RuleSet,
    criterion: &Criterion,
    rating: &RatingValue,
) -> Option<Option<F>> {
    match (rating, &criterion.measure) {
        (RatingValue::Level(level), _) => level_fraction(ruleset, *level).map(Some),
        (RatingValue::Value(value), Measure::Indicator { floor, target, .. }) => {
            let floor = F::from_decimal(*floor)?;
            let s = F::from_decimal(*value)?
                .sub(&floor)?
                .div(&F::from_decimal(*target)?.sub(&floor)?)?;
            Some(Some(s.clamp(F::int(0), F::int(1))))
        }
        // Validation pairs values with indicators; a value on a level criterion cannot arrive here.
        (RatingValue::Value(_), Measure::Level { .. }) | (RatingValue::NotApplicable(_), _) => {
            Some(None)
        }
    }
}

/// `t_c`, `None` on overflow.
fn exact_target<F: Exact>(ruleset: &RuleSet, criterion: &Criterion) -> Option<F> {
    match criterion.measure {
        Measure::Level { target } => level_fraction(ruleset, target),
        Measure::Indicator { .. } => Some(F::int(1)),
    }
}

/// `(level - min) / (max - min)`.
fn level_fraction<F: Exact>(ruleset: &RuleSet, level: i64) -> Option<F> {
    F::fraction(
        level.checked_sub(ruleset.scale.min)?,
        ruleset.scale.max.checked_sub(ruleset.scale.min)?,
    )
}

/// A criterion as scoring sees it.
struct Item<F> {
    weight: F,
    /// `t_c`.
    target: F,
    rated: Rated<F>,
}

enum Rated<F> {
    NotApplicable,
    NotAssessed,
    /// `s_c`.
    Score(F),
}

impl<F> Item<F> {
    fn applicable(&self) -> bool {
        !matches!(self.rated, Rated::NotApplicable)
    }
}

/// A benchmark's exact numbers, in percent.
struct BenchmarkExact<F> {
    applicable: bool,
    score: Option<F>,
    target: Option<F>,
    coverage: Option<F>,
}

/// `S_b`, `T_b`, `C_b` of one benchmark from its criteria; `None` on overflow.
fn benchmark_score<F: Exact>(b: &Benchmark, items: &[Item<F>]) -> Option<BenchmarkExact<F>> {
    let applicable: Vec<&Item<F>> = items.iter().filter(|i| i.applicable()).collect();
    if applicable.is_empty() {
        return Some(BenchmarkExact {
            applicable: false,
            score: None,
            target: None,
            coverage: None,
        });
    }
    let rated: Vec<(&F, &F)> = applicable
        .iter()
        .filter_map(|i| match &i.rated {
            Rated::Score(s) => Some((&i.weight, s)),
            _ => None,
        })
        .collect();
    let targets: Vec<(&F, &F)> = applicable.iter().map(|i| (&i.weight, &i.target)).collect();
    let sum_q = sum(rated.iter().map(|(w, _)| *w))?;
    let sum_a = sum(applicable.iter().map(|i| &i.weight))?;
    Some(BenchmarkExact {
        applicable: true,
        score: aggregate(b.aggregation, &rated)?,
        target: aggregate(b.aggregation, &targets)?,
        coverage: Some(F::int(100).mul(&sum_q)?.div(&sum_a)?),
    })
}

/// `100 * sum(w * x) / sum(w)` or `100 * min(x)`: `Some(None)` for no items, `None` on overflow.
fn aggregate<F: Exact>(aggregation: Aggregation, items: &[(&F, &F)]) -> Option<Option<F>> {
    if items.is_empty() {
        return Some(None);
    }
    let hundred = F::int(100);
    Some(Some(match aggregation {
        Aggregation::Mean => {
            let mut sum_w = F::int(0);
            let mut sum_wx = F::int(0);
            for (w, x) in items {
                sum_w = sum_w.add(w)?;
                sum_wx = sum_wx.add(&w.mul(x)?)?;
            }
            hundred.mul(&sum_wx)?.div(&sum_w)?
        }
        Aggregation::Min => hundred.mul(items.iter().map(|(_, x)| *x).min()?)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_fraction_types_round_to_the_same_decimal() {
        for n in -300_i64..=300 {
            for d in 1_i64..=97 {
                let small = Small::fraction(n * 7919, d).map(|f| f.to_decimal());
                let big = BigRational::fraction(n * 7919, d).map(|f| f.to_decimal());
                assert_eq!(small, big, "{n} * 7919 / {d}");
            }
        }
        // Near the 96-bit edge and beyond the fast path.
        for (n, d) in [
            (i64::MAX, 3),
            (i64::MAX, 7),
            (79_228_162_514, 1),
            (-i64::MAX, 9_999_999_967),
        ] {
            let small = Small::fraction(n, d).map(|f| f.to_decimal());
            let big = BigRational::fraction(n, d).map(|f| f.to_decimal());
            assert_eq!(small, big, "{n} / {d}");
        }
    }

    #[test]
    fn overflow_is_reported_not_wrapped() {
        let huge = Small::from_decimal(Decimal::MAX).unwrap();
        assert!(huge.mul(&huge).is_none());
        assert!(
            BigRational::from_decimal(Decimal::MAX)
                .unwrap()
                .mul(&BigRational::int(2))
                .is_some()
        );
    }
}
