//! Properties of scoring (SPEC section 5) over random rule sets and assessments.
//!
//! Rule sets and assessments are generated as YAML text and go through the real loader and
//! validator (`common::catalog`, `common::assessment`), so every case is a file an analyst
//! could have written.
//!
//! About tolerances: every division in scoring is a `rust_decimal` division, exact to 28
//! significant digits and rounded there. A third of a weight is 0.333..3 (28 digits), and three
//! of them sum to 0.999..9, not 1. Identities that hold in exact arithmetic (effective weights
//! summing to 1, a score gaining exactly its points) therefore hold here only to about 1e-26 on
//! numbers of the size of 100. We allow 1e-20: six orders of magnitude above that rounding, and
//! still eighteen below anything a report shows (two decimals).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;
use rust_decimal::Decimal;

use readiness::model::Catalog;
use readiness::score::{self, BenchmarkScore, RuleSetScore, Status};

use crate::common;

/// Slack for identities that only rounding at 28 significant digits breaks (see above).
fn tolerance() -> Decimal {
    Decimal::new(1, 20)
}

/// The scale every generated rule set uses.
const SCALE_MAX: i64 = 4;

// ---------------------------------------------------------------------------------------------
// Generated rule sets and assessments

#[derive(Clone, Debug)]
enum Kind {
    Level { target: i64 },
    Indicator { floor: Decimal, target: Decimal },
}

#[derive(Clone, Debug)]
enum Rating {
    Unrated,
    NotApplicable,
    Level(i64),
    Value(Decimal),
}

#[derive(Clone, Debug)]
struct Crit {
    id: String,
    weight: Decimal,
    kind: Kind,
    rating: Rating,
}

#[derive(Clone, Debug)]
struct Bench {
    id: String,
    weight: Decimal,
    /// An override of the rule set's aggregation.
    aggregation: Option<&'static str>,
    criteria: Vec<Crit>,
}

#[derive(Clone, Debug)]
struct Rules {
    aggregation: &'static str,
    benchmarks: Vec<Bench>,
}

impl Rules {
    fn criteria(&self) -> impl Iterator<Item = &Crit> {
        self.benchmarks.iter().flat_map(|b| &b.criteria)
    }

    fn criteria_mut(&mut self) -> impl Iterator<Item = &mut Crit> {
        self.benchmarks.iter_mut().flat_map(|b| &mut b.criteria)
    }

    /// The benchmark holding criterion `id`.
    fn benchmark_of(&self, id: &str) -> &str {
        self.benchmarks
            .iter()
            .find(|b| b.criteria.iter().any(|c| c.id == id))
            .map(|b| b.id.as_str())
            .expect("a criterion of this rule set")
    }

    /// The rule-set file.
    fn yaml(&self) -> String {
        let mut y = format!(
            "ruleset: p\ntitle: Generated\nversion: \"1\"\nscale: {{ min: 0, max: {SCALE_MAX} }}\naggregation: {}\nbenchmarks:\n",
            self.aggregation
        );
        for b in &self.benchmarks {
            let _ = writeln!(y, "  - id: {}\n    title: Benchmark {}", b.id, b.id);
            let _ = writeln!(y, "    weight: {}", b.weight);
            if let Some(a) = b.aggregation {
                let _ = writeln!(y, "    aggregation: {a}");
            }
            y.push_str("    criteria:\n");
            for c in &b.criteria {
                let measure = match &c.kind {
                    Kind::Level { target } => format!("target: {target}"),
                    Kind::Indicator { floor, target } => {
                        format!("indicator: {{ unit: u, floor: {floor}, target: {target} }}")
                    }
                };
                let _ = writeln!(
                    y,
                    "      - {{ id: {}, title: Criterion {}, weight: {}, {measure} }}",
                    c.id, c.id, c.weight
                );
            }
        }
        y
    }

    /// The assessment file, its ratings in the order of `order` (criterion ids).
    fn assessment_yaml(&self, order: &[String]) -> String {
        let by_id: BTreeMap<&str, &Rating> = self
            .criteria()
            .map(|c| (c.id.as_str(), &c.rating))
            .collect();
        let mut y = String::from("country: Propland\nas_of: 2008-01-01\nrulesets: [p]\nratings:");
        let mut any = false;
        for id in order {
            let entry = match by_id[id.as_str()] {
                Rating::Unrated => continue,
                Rating::NotApplicable => "{ not_applicable: does not apply }".to_owned(),
                Rating::Level(l) => format!("{{ level: {l}, evidence: seen }}"),
                Rating::Value(v) => format!("{{ value: {v}, evidence: measured }}"),
            };
            let _ = write!(y, "\n  {id}: {entry}");
            any = true;
        }
        if !any {
            y.push_str(" {}");
        }
        y.push('\n');
        y
    }

    /// The ids of every criterion, in rule-set order.
    fn ids(&self) -> Vec<String> {
        self.criteria().map(|c| c.id.clone()).collect()
    }
}

fn weight() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (1i64..=5).prop_map(Decimal::from),
        (10i64..=50).prop_map(|tenths| Decimal::new(tenths, 1)),
    ]
}

fn aggregation() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("mean"), Just("min")]
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        3 => (0..=SCALE_MAX).prop_map(|target| Kind::Level { target }),
        // Floor 0.0..100.0, target 0.1..60.0 above or below it (below: lower is better).
        1 => (0i64..=1000, 1i64..=600, any::<bool>()).prop_map(|(floor, span, lower)| {
            let floor = Decimal::new(floor, 1);
            let span = Decimal::new(span, 1);
            Kind::Indicator {
                floor,
                target: if lower { floor - span } else { floor + span },
            }
        }),
    ]
}

fn rating(kind: &Kind) -> BoxedStrategy<Rating> {
    match kind.clone() {
        Kind::Level { .. } => prop_oneof![
            1 => Just(Rating::Unrated),
            1 => Just(Rating::NotApplicable),
            4 => (0..=SCALE_MAX).prop_map(Rating::Level),
        ]
        .boxed(),
        // Values from 30% beyond the floor to 30% beyond the target, to exercise clamping.
        Kind::Indicator { floor, target } => prop_oneof![
            1 => Just(Rating::Unrated),
            1 => Just(Rating::NotApplicable),
            4 => (-30i64..=130).prop_map(move |pct| {
                Rating::Value(floor + (target - floor) * Decimal::new(pct, 2))
            }),
        ]
        .boxed(),
    }
}

fn crit() -> impl Strategy<Value = Crit> {
    (weight(), kind()).prop_flat_map(|(weight, kind)| {
        rating(&kind).prop_map(move |rating| Crit {
            id: String::new(),
            weight,
            kind: kind.clone(),
            rating,
        })
    })
}

fn bench() -> impl Strategy<Value = Bench> {
    (
        weight(),
        prop::option::of(aggregation()),
        prop::collection::vec(crit(), 1..=4),
    )
        .prop_map(|(weight, aggregation, criteria)| Bench {
            id: String::new(),
            weight,
            aggregation,
            criteria,
        })
}

/// A rule set of one to four benchmarks of one to four criteria, ids `B<i>` and `B<i>.<j>`.
fn rules() -> impl Strategy<Value = Rules> {
    (aggregation(), prop::collection::vec(bench(), 1..=4)).prop_map(|(aggregation, benchmarks)| {
        let mut r = Rules {
            aggregation,
            benchmarks,
        };
        for (i, b) in r.benchmarks.iter_mut().enumerate() {
            b.id = format!("B{i}");
            for (j, c) in b.criteria.iter_mut().enumerate() {
                c.id = format!("B{i}.{j}");
            }
        }
        r
    })
}

// ---------------------------------------------------------------------------------------------
// Scoring a generated case

struct Scored {
    catalog: Catalog,
    score: RuleSetScore,
}

impl Scored {
    fn new(rules: &Rules) -> Scored {
        Scored::ordered(rules, &rules.ids())
    }

    /// With the assessment's ratings written in the order of `order`.
    fn ordered(rules: &Rules, order: &[String]) -> Scored {
        let catalog = common::catalog(&[("p", &rules.yaml())]);
        let assessment = common::assessment(&catalog, &rules.assessment_yaml(order));
        let score = score::score(&catalog.rulesets[0], &assessment);
        Scored { catalog, score }
    }

    /// Criterion id -> its index in the score.
    fn index(&self) -> BTreeMap<String, usize> {
        self.catalog.rulesets[0]
            .benchmarks
            .iter()
            .flat_map(|b| &b.criteria)
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect()
    }

    fn benchmark(&self, id: &str) -> &BenchmarkScore {
        let i = self.catalog.rulesets[0]
            .benchmarks
            .iter()
            .position(|b| b.id == id)
            .expect("a benchmark of this rule set");
        &self.score.benchmarks[i]
    }

    /// Everything scoring says about each criterion, by id, without the position-dependent
    /// benchmark index.
    #[allow(clippy::type_complexity)]
    fn criteria_by_id(
        &self,
    ) -> BTreeMap<
        String,
        (
            Status,
            Option<Decimal>,
            Decimal,
            Option<Decimal>,
            Option<Decimal>,
            Option<Decimal>,
        ),
    > {
        self.index()
            .into_iter()
            .map(|(id, i)| {
                let c = &self.score.criteria[i];
                (
                    id,
                    (
                        c.status,
                        c.score,
                        c.target,
                        c.gap,
                        c.effective_weight,
                        c.points,
                    ),
                )
            })
            .collect()
    }

    fn benchmarks_by_id(&self) -> BTreeMap<String, BenchmarkScore> {
        self.catalog.rulesets[0]
            .benchmarks
            .iter()
            .zip(&self.score.benchmarks)
            .map(|(b, s)| (b.id.clone(), s.clone()))
            .collect()
    }
}

/// A deterministic shuffle (xorshift64) for reordering a case.
fn shuffle<T>(items: &mut [T], state: &mut u64) {
    for i in (1..items.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        let j = usize::try_from(*state % (i as u64 + 1)).expect("small");
        items.swap(i, j);
    }
}

/// Both undefined, or both defined and within [`tolerance`].
fn close(a: Option<Decimal>, b: Option<Decimal>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => (a - b).abs() <= tolerance(),
        _ => false,
    }
}

fn in_range(x: Decimal, lo: Decimal, hi: Decimal) -> bool {
    lo <= x && x <= hi
}

fn config() -> Config {
    Config {
        cases: 128,
        // Keep the tree clean: a failing case is printed, not written to a regressions file.
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// The fast 128-bit fractions and arbitrary-precision fractions give identical results.
    #[test]
    fn the_fast_path_equals_arbitrary_precision(rules in rules()) {
        let catalog = common::catalog(&[("p", &rules.yaml())]);
        let assessment = common::assessment(&catalog, &rules.assessment_yaml(&rules.ids()));
        let r = &catalog.rulesets[0];
        prop_assert_eq!(score::score(r, &assessment), score::score_arbitrary_precision(r, &assessment));
    }

    /// (a) S_R, every S_b, T_b, C_b, 100 * s_c, 100 * t_c, 100 * g_c, P_c and C_R lie in 0..100.
    #[test]
    fn every_score_and_coverage_is_a_percentage(rules in rules()) {
        let s = Scored::new(&rules);
        let (zero, hundred) = (Decimal::ZERO, Decimal::ONE_HUNDRED);
        if let Some(sr) = s.score.score {
            prop_assert!(in_range(sr, zero, hundred), "S_R = {sr}");
        }
        // C_R is computed exactly, so full coverage is exactly 100.
        prop_assert!(in_range(s.score.coverage, zero, hundred), "C_R = {}", s.score.coverage);
        for b in &s.score.benchmarks {
            for x in [b.score, b.target, b.coverage].into_iter().flatten() {
                prop_assert!(in_range(x, zero, hundred), "{b:?}");
            }
        }
        for c in &s.score.criteria {
            prop_assert!(in_range(c.target, zero, Decimal::ONE), "{c:?}");
            for x in [c.score, c.gap, c.effective_weight].into_iter().flatten() {
                prop_assert!(in_range(x, zero, Decimal::ONE), "{c:?}");
            }
            if let Some(p) = c.points {
                prop_assert!(in_range(p, zero, hundred), "{c:?}");
            }
        }
    }

    /// (b) Raising one level by a step, or moving an indicator value towards its target, never
    /// lowers S_R nor the S_b of its benchmark.
    #[test]
    fn improving_a_rating_never_lowers_a_score(
        rules in rules(),
        pick in any::<Index>(),
        step in 1i64..=10,
    ) {
        let candidates: Vec<String> = rules
            .criteria()
            .filter(|c| match c.rating {
                Rating::Level(l) => l < SCALE_MAX,
                Rating::Value(_) => true,
                Rating::Unrated | Rating::NotApplicable => false,
            })
            .map(|c| c.id.clone())
            .collect();
        prop_assume!(!candidates.is_empty());
        let id = pick.get(&candidates).clone();
        let mut better = rules.clone();
        for c in better.criteria_mut().filter(|c| c.id == id) {
            c.rating = match (&c.rating, &c.kind) {
                (Rating::Level(l), _) => Rating::Level(l + 1),
                // A step of 10%..100% of (target - floor): towards the target either way.
                (Rating::Value(v), Kind::Indicator { floor, target }) => {
                    Rating::Value(*v + (*target - *floor) * Decimal::new(step, 1))
                }
                (r, _) => r.clone(),
            };
        }
        let (before, after) = (Scored::new(&rules), Scored::new(&better));
        let b = rules.benchmark_of(&id);
        prop_assert!(
            after.score.score >= before.score.score,
            "S_R fell from {:?} to {:?} raising {id}", before.score.score, after.score.score
        );
        prop_assert!(
            after.benchmark(b).score >= before.benchmark(b).score,
            "S_{b} fell from {:?} to {:?} raising {id}",
            before.benchmark(b).score, after.benchmark(b).score
        );
        // Nothing else changes: the same criteria are rated.
        prop_assert_eq!(after.score.coverage, before.score.coverage);
    }

    /// (c) Reordering criteria within benchmarks, benchmarks within the rule set, and ratings in
    /// the assessment file changes no score.
    #[test]
    fn order_changes_no_score(rules in rules(), seed in any::<u64>()) {
        let mut state = seed | 1;
        let mut shuffled = rules.clone();
        shuffle(&mut shuffled.benchmarks, &mut state);
        for b in &mut shuffled.benchmarks {
            shuffle(&mut b.criteria, &mut state);
        }
        let mut order = rules.ids();
        shuffle(&mut order, &mut state);

        let a = Scored::new(&rules);
        let b = Scored::ordered(&shuffled, &order);
        // Per criterion, everything is computed from that criterion and sums of weights (at
        // most one decimal: exact), so it is equal to the last digit; so is the coverage.
        prop_assert_eq!(a.criteria_by_id(), b.criteria_by_id());
        prop_assert_eq!(a.score.coverage, b.score.coverage);
        // Weighted sums of 28-digit scores round at the 28th digit, and which digit gets
        // rounded depends on the order of summation: S_b, T_b and S_R may differ in their last
        // digit (about 1e-26), never more.
        prop_assert!(close(a.score.score, b.score.score), "S_R {:?} vs {:?}", a.score.score, b.score.score);
        let (ba, bb) = (a.benchmarks_by_id(), b.benchmarks_by_id());
        prop_assert_eq!(ba.keys().collect::<Vec<_>>(), bb.keys().collect::<Vec<_>>());
        for (id, x) in &ba {
            let y = &bb[id];
            prop_assert_eq!(x.applicable, y.applicable, "{}", id);
            prop_assert_eq!(x.coverage, y.coverage, "{}", id);
            prop_assert_eq!(x.min_score_met, y.min_score_met, "{}", id);
            prop_assert!(close(x.score, y.score), "S_{} {:?} vs {:?}", id, x.score, y.score);
            prop_assert!(close(x.target, y.target), "T_{} {:?} vs {:?}", id, x.target, y.target);
        }
    }

    /// (d) The effective weights of the applicable criteria sum to 1 (within the rounding of
    /// 28-digit division: 1/3 + 1/3 + 1/3 = 0.999..9), and only they have one.
    #[test]
    fn effective_weights_sum_to_one(rules in rules()) {
        let s = Scored::new(&rules);
        for c in &s.score.criteria {
            prop_assert_eq!(
                c.effective_weight.is_some(),
                c.status != Status::NotApplicable,
                "{:?}", c
            );
        }
        let weights: Vec<Decimal> =
            s.score.criteria.iter().filter_map(|c| c.effective_weight).collect();
        if weights.is_empty() {
            // Everything is rated not applicable: no benchmark is applicable.
            prop_assert!(s.score.benchmarks.iter().all(|b| !b.applicable));
            prop_assert_eq!(s.score.score, None);
        } else {
            let sum: Decimal = weights.iter().sum();
            prop_assert!((sum - Decimal::ONE).abs() <= tolerance(), "sum of e_c = {sum}");
        }
    }

    /// (e) With mean aggregation everywhere and full coverage, raising one criterion to exactly
    /// its target raises S_R by exactly its points P_c (within the rounding of division).
    #[test]
    fn reaching_the_target_gains_exactly_the_points(rules in rules(), pick in any::<Index>()) {
        // Mean everywhere; every criterion rated (unrated and not-applicable ones at the bottom).
        let mut full = rules.clone();
        full.aggregation = "mean";
        for b in &mut full.benchmarks {
            b.aggregation = None;
        }
        for c in full.criteria_mut() {
            if matches!(c.rating, Rating::Unrated | Rating::NotApplicable) {
                c.rating = match c.kind {
                    Kind::Level { .. } => Rating::Level(0),
                    Kind::Indicator { floor, .. } => Rating::Value(floor),
                };
            }
        }
        let before = Scored::new(&full);
        prop_assert!(
            (before.score.coverage - Decimal::ONE_HUNDRED).abs() <= tolerance(),
            "full coverage, got {}", before.score.coverage
        );
        let index = before.index();
        let open: Vec<&Crit> = full
            .criteria()
            .filter(|c| {
                before.score.criteria[index[&c.id]]
                    .gap
                    .is_some_and(|g| g > Decimal::ZERO)
            })
            .collect();
        prop_assume!(!open.is_empty());
        let chosen = pick.get(&open);
        let id = chosen.id.clone();
        let points = before.score.criteria[index[&id]].points.expect("rated");

        let mut reached = full.clone();
        for c in reached.criteria_mut().filter(|c| c.id == id) {
            c.rating = match c.kind {
                Kind::Level { target } => Rating::Level(target),
                Kind::Indicator { target, .. } => Rating::Value(target),
            };
        }
        let after = Scored::new(&reached);
        let (sb, sa) = (
            before.score.score.expect("fully rated"),
            after.score.score.expect("fully rated"),
        );
        prop_assert!(
            (sa - sb - points).abs() <= tolerance(),
            "raising {id} to its target: S_R {sb} -> {sa} (gain {}), P_c = {points}",
            sa - sb
        );
        prop_assert_eq!(after.score.criteria[index[&id]].status, Status::Met);
        prop_assert_eq!(after.score.criteria[index[&id]].points, Some(Decimal::ZERO));
    }
}
