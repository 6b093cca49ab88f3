//! Every formula of SPEC section 5 on tiny rule sets, with expected values computed by hand.
//!
//! Each test builds one rule set (id `t`) and one assessment from YAML text through the real
//! loader and validator, then checks `score::score`, `gaps::judge`, `gaps::ranked_gaps`,
//! `gaps::band` and `report::build`.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use readiness::gaps::{self, Judgement, Verdict};
use readiness::model::{Assessment, Catalog, RatingValue, RuleSet};
use readiness::report::{self, RuleSetReport};
use readiness::score::{self, BenchmarkScore, CriterionScore, RuleSetScore, Status};

use crate::common;

/// A rule set `t` with `body` (optional top-level keys, then `benchmarks:`).
fn rules(body: &str) -> String {
    format!("ruleset: t\ntitle: Test rules\nversion: \"1\"\n{body}")
}

/// An assessment of Testland on 2008-06-30 against `t`; `ratings` is a flow mapping, `extra`
/// more top-level keys (waivers).
fn assessment_text(ratings: &str, extra: &str) -> String {
    format!("country: Testland\nas_of: 2008-06-30\nrulesets: [t]\nratings: {ratings}\n{extra}")
}

/// One rule set, one assessment, its score.
struct Case {
    catalog: Catalog,
    assessment: Assessment,
    score: RuleSetScore,
}

impl Case {
    fn new(body: &str, ratings: &str) -> Case {
        Case::with(body, ratings, "")
    }

    fn with(body: &str, ratings: &str, extra: &str) -> Case {
        let catalog = common::catalog(&[("t", &rules(body))]);
        let assessment = common::assessment(&catalog, &assessment_text(ratings, extra));
        let score = score::score(&catalog.rulesets[0], &assessment);
        Case {
            catalog,
            assessment,
            score,
        }
    }

    fn ruleset(&self) -> &RuleSet {
        &self.catalog.rulesets[0]
    }

    fn ids(&self) -> Vec<&str> {
        self.ruleset()
            .benchmarks
            .iter()
            .flat_map(|b| &b.criteria)
            .map(|c| c.id.as_str())
            .collect()
    }

    /// The score of criterion `id`.
    fn c(&self, id: &str) -> &CriterionScore {
        let i = self
            .ids()
            .iter()
            .position(|x| *x == id)
            .unwrap_or_else(|| panic!("no criterion {id}"));
        &self.score.criteria[i]
    }

    /// The score of benchmark `id`.
    fn b(&self, id: &str) -> &BenchmarkScore {
        let i = self
            .ruleset()
            .benchmarks
            .iter()
            .position(|b| b.id == id)
            .unwrap_or_else(|| panic!("no benchmark {id}"));
        &self.score.benchmarks[i]
    }

    fn judge(&self) -> Judgement {
        gaps::judge(self.ruleset(), &self.assessment, &self.score, true)
    }

    fn judge_without_waivers(&self) -> Judgement {
        gaps::judge(self.ruleset(), &self.assessment, &self.score, false)
    }

    /// The ranked gaps as criterion ids.
    fn gaps(&self) -> Vec<String> {
        let ids = self.ids();
        gaps::ranked_gaps(self.ruleset(), &self.score)
            .into_iter()
            .map(|i| ids[i].to_owned())
            .collect()
    }

    fn report(&self) -> RuleSetReport {
        let mut r = report::build(&self.catalog, &self.assessment);
        assert_eq!(r.rulesets.len(), 1);
        r.rulesets.remove(0)
    }
}

fn verdict(v: Verdict, reasons: &[&str]) -> Judgement {
    Judgement {
        verdict: v,
        reasons: reasons.iter().map(|s| (*s).to_owned()).collect(),
    }
}

// ---------------------------------------------------------------------------------------------
// Criterion scores s_c and targets t_c

#[test]
fn level_normalisation_uses_the_scale_minimum() {
    // Scale 1..5: s = (level - 1) / 4; target 4 -> t = 3/4.
    let c = Case::new(
        "scale: { min: 1, max: 5 }\ntarget: 4\nbenchmarks:
- id: L
  title: Levels
  criteria:
    - { id: L.1, title: two }
    - { id: L.2, title: one }
    - { id: L.3, title: five }
    - { id: L.4, title: four }
    - { id: L.5, title: target two, target: 2 }",
        "{ L.1: { level: 2 }, L.2: { level: 1 }, L.3: { level: 5 }, L.4: { level: 4 }, L.5: { level: 3 } }",
    );
    let expect = [
        ("L.1", dec!(0.25), dec!(0.75), Status::Partial, dec!(0.5)),
        ("L.2", dec!(0), dec!(0.75), Status::Unmet, dec!(0.75)),
        ("L.3", dec!(1), dec!(0.75), Status::Met, dec!(0)),
        ("L.4", dec!(0.75), dec!(0.75), Status::Met, dec!(0)),
        ("L.5", dec!(0.5), dec!(0.25), Status::Met, dec!(0)),
    ];
    for (id, s, t, status, g) in expect {
        let cs = c.c(id);
        assert_eq!(cs.score, Some(s), "{id} score");
        assert_eq!(cs.target, t, "{id} target");
        assert_eq!(cs.status, status, "{id} status");
        assert_eq!(cs.gap, Some(g), "{id} gap");
    }
    // S_b = 100 * (0.25 + 0 + 1 + 0.75 + 0.5) / 5 = 50; T_b = 100 * (4 * 0.75 + 0.25) / 5 = 65.
    assert_eq!(c.b("L").score, Some(dec!(50)));
    assert_eq!(c.b("L").target, Some(dec!(65)));
    assert_eq!(c.score.score, Some(dec!(50)));
    // The report shows 100 * s_c and 100 * t_c, and the level in its own terms.
    let r = c.report();
    let l1 = &r.criteria[0];
    assert_eq!(l1.level, Some(2));
    assert_eq!(l1.score, Some(dec!(25)));
    assert_eq!(l1.target, dec!(75));
    assert_eq!(l1.target_raw, dec!(4));
    assert_eq!(l1.gap, Some(dec!(50)));
}

#[test]
fn normalised_and_normalised_target_helpers() {
    let c = Case::new(
        "scale: { min: -2, max: 2 }\ntarget: 1\nbenchmarks:
- id: B
  title: B
  criteria:
    - { id: B.1, title: level }
    - { id: B.2, title: indicator, indicator: { unit: '%', floor: 10, target: 30 } }",
        "{ B.1: { level: -1 } }",
    );
    let r = c.ruleset();
    let (l, i) = (&r.benchmarks[0].criteria[0], &r.benchmarks[0].criteria[1]);
    assert_eq!(
        score::normalised(r, l, &RatingValue::Level(-1)),
        Some(dec!(0.25))
    );
    assert_eq!(
        score::normalised(r, l, &RatingValue::Level(-2)),
        Some(dec!(0))
    );
    assert_eq!(
        score::normalised(r, l, &RatingValue::Level(2)),
        Some(dec!(1))
    );
    assert_eq!(
        score::normalised(r, i, &RatingValue::Value(dec!(15))),
        Some(dec!(0.25))
    );
    assert_eq!(
        score::normalised(r, l, &RatingValue::NotApplicable("no".into())),
        None
    );
    // Target 1 on -2..2 is 3/4; an indicator's target is always 1.
    assert_eq!(score::normalised_target(r, l), dec!(0.75));
    assert_eq!(score::normalised_target(r, i), dec!(1));
}

// ---------------------------------------------------------------------------------------------
// Benchmark aggregation S_b, T_b

#[test]
fn mean_aggregation_weights_each_criterion() {
    let c = Case::new(
        "benchmarks:
- id: A
  title: A
  criteria:
    - { id: A.1, title: a1, weight: 1, target: 3 }
    - { id: A.2, title: a2, weight: 3, target: 2 }
- id: D
  title: Decimal weights
  criteria:
    - { id: D.1, title: d1, weight: 0.5 }
    - { id: D.2, title: d2, weight: 1.5 }",
        "{ A.1: { level: 4 }, A.2: { level: 2 }, D.1: { level: 0 }, D.2: { level: 4 } }",
    );
    // S_A = 100 * (1 * 1 + 3 * 0.5) / 4 = 62.5; T_A = 100 * (1 * 0.75 + 3 * 0.5) / 4 = 56.25.
    assert_eq!(c.b("A").score, Some(dec!(62.5)));
    assert_eq!(c.b("A").target, Some(dec!(56.25)));
    // S_D = 100 * (0.5 * 0 + 1.5 * 1) / 2 = 75; default target is the scale max: T_D = 100.
    assert_eq!(c.b("D").score, Some(dec!(75)));
    assert_eq!(c.b("D").target, Some(dec!(100)));
    // S_R = (62.5 + 75) / 2.
    assert_eq!(c.score.score, Some(dec!(68.75)));
    // An unweighted mean would give 75 for A: the weights matter.
    assert_ne!(c.b("A").score, Some(dec!(75)));
}

#[test]
fn min_aggregation_takes_the_lowest_score_and_target() {
    let c = Case::new(
        "aggregation: min\ntarget: 4\nbenchmarks:
- id: M
  title: Min (inherited)
  criteria:
    - { id: M.1, title: m1, weight: 5, target: 3 }
    - { id: M.2, title: m2, weight: 1, target: 2 }
    - { id: M.3, title: m3, weight: 1, target: 4 }
    - { id: M.4, title: m4 unrated, weight: 1, target: 1 }
- id: N
  title: Mean (override)
  aggregation: mean
  criteria:
    - { id: N.1, title: n1 }
    - { id: N.2, title: n2 }",
        "{ M.1: { level: 4 }, M.2: { level: 1 }, M.3: { level: 3 }, N.1: { level: 4 }, N.2: { level: 0 } }",
    );
    // S_M = 100 * min(1, 0.25, 0.75) over the rated (weights ignored) = 25.
    assert_eq!(c.b("M").score, Some(dec!(25)));
    // T_M = 100 * min over every applicable criterion, rated or not: min(.75, .5, 1, .25) = 25.
    assert_eq!(c.b("M").target, Some(dec!(25)));
    // C_M = 100 * 7 / 8.
    assert_eq!(c.b("M").coverage, Some(dec!(87.5)));
    // The override: S_N = 100 * (1 + 0) / 2; T_N = 100.
    assert_eq!(c.b("N").score, Some(dec!(50)));
    assert_eq!(c.b("N").target, Some(dec!(100)));
    // The rule-set score is always the weighted mean of benchmark scores: (25 + 50) / 2.
    assert_eq!(c.score.score, Some(dec!(37.5)));
    let r = c.report();
    assert_eq!(
        r.benchmarks[0].aggregation,
        readiness::model::Aggregation::Min
    );
    assert_eq!(
        r.benchmarks[1].aggregation,
        readiness::model::Aggregation::Mean
    );
}

#[test]
fn min_aggregation_of_a_benchmark_with_one_unrated_criterion_uses_the_rated_one() {
    let c = Case::new(
        "aggregation: min\nbenchmarks:
- id: M
  title: M
  criteria:
    - { id: M.1, title: m1 }
    - { id: M.2, title: m2 }",
        "{ M.1: { level: 3 } }",
    );
    assert_eq!(c.b("M").score, Some(dec!(75)));
    assert_eq!(c.b("M").coverage, Some(dec!(50)));
}

// ---------------------------------------------------------------------------------------------
// Indicators

const INDICATORS: &str = "benchmarks:
- id: I
  title: Indicators
  criteria:
    - { id: I.1, title: spending, indicator: { unit: '% of GDP', floor: 0.5, target: 2.0 } }
    - { id: I.2, title: conscripts, indicator: { unit: '%', floor: 40, target: 10 } }";

fn indicators(v1: &str, v2: &str) -> Case {
    Case::new(
        INDICATORS,
        &format!("{{ I.1: {{ value: {v1} }}, I.2: {{ value: {v2} }} }}"),
    )
}

#[test]
fn indicator_higher_is_better() {
    // s = (value - 0.5) / 1.5.
    for (value, s, status) in [
        ("1.25", dec!(0.5), Status::Partial),
        ("1.1", dec!(0.4), Status::Partial),
        ("2.0", dec!(1), Status::Met),
        ("0.5", dec!(0), Status::Unmet),
    ] {
        let c = indicators(value, "40");
        let cs = c.c("I.1");
        assert_eq!(cs.score, Some(s), "value {value}");
        assert_eq!(cs.target, dec!(1));
        assert_eq!(cs.status, status, "value {value}");
        assert_eq!(cs.gap, Some(dec!(1) - s));
    }
}

#[test]
fn indicator_lower_is_better_when_the_floor_is_above_the_target() {
    // s = (value - 40) / (10 - 40).
    for (value, s, status) in [
        ("25", dec!(0.5), Status::Partial),
        ("31", dec!(0.3), Status::Partial),
        ("10", dec!(1), Status::Met),
        ("40", dec!(0), Status::Unmet),
    ] {
        let c = indicators("2.0", value);
        let cs = c.c("I.2");
        assert_eq!(cs.score, Some(s), "value {value}");
        assert_eq!(cs.status, status, "value {value}");
    }
    let c = indicators("2.0", "25");
    let r = c.report();
    assert_eq!(r.criteria[1].value, Some(dec!(25)));
    assert_eq!(r.criteria[1].unit.as_deref(), Some("%"));
    assert_eq!(r.criteria[1].target_raw, dec!(10));
    assert_eq!(r.criteria[1].score, Some(dec!(50)));
    assert_eq!(r.criteria[1].kind, "indicator");
}

#[test]
fn indicator_scores_clamp_to_zero_and_one() {
    // Below the floor (higher is better) and above the floor (lower is better) score 0.
    let c = indicators("0.2", "55");
    for id in ["I.1", "I.2"] {
        assert_eq!(c.c(id).score, Some(dec!(0)), "{id}");
        assert_eq!(c.c(id).status, Status::Unmet, "{id}");
        assert_eq!(c.c(id).gap, Some(dec!(1)), "{id}");
    }
    let c = indicators("-1", "1000");
    assert_eq!(c.c("I.1").score, Some(dec!(0)));
    assert_eq!(c.c("I.2").score, Some(dec!(0)));
    // Beyond the target in the good direction scores 1, with no gap.
    let c = indicators("3.5", "2");
    for id in ["I.1", "I.2"] {
        assert_eq!(c.c(id).score, Some(dec!(1)), "{id}");
        assert_eq!(c.c(id).status, Status::Met, "{id}");
        assert_eq!(c.c(id).gap, Some(dec!(0)), "{id}");
        assert_eq!(c.c(id).points, Some(dec!(0)), "{id}");
    }
    assert_eq!(c.score.score, Some(dec!(100)));
    let c = indicators("-3.5", "-2");
    assert_eq!(c.c("I.1").score, Some(dec!(0)));
    assert_eq!(c.c("I.2").score, Some(dec!(1)));
}

// ---------------------------------------------------------------------------------------------
// Not applicable

#[test]
fn not_applicable_criteria_drop_out_of_the_benchmark() {
    let c = Case::new(
        "benchmarks:
- id: B
  title: B
  criteria:
    - { id: B.1, title: b1, weight: 1 }
    - { id: B.2, title: b2, weight: 2, target: 0 }
    - { id: B.3, title: b3, weight: 1, target: 2 }",
        "{ B.1: { level: 4 }, B.2: { not_applicable: no navy }, B.3: { level: 0 } }",
    );
    // A_B = {B.1, B.3}: S_B = 100 * (1 + 0) / 2 = 50; T_B = 100 * (1 + 0.5) / 2 = 75 (B.2's
    // target 0 does not count); C_B = 100.
    assert_eq!(c.b("B").score, Some(dec!(50)));
    assert_eq!(c.b("B").target, Some(dec!(75)));
    assert_eq!(c.b("B").coverage, Some(dec!(100)));
    assert_eq!(c.score.coverage, dec!(100));
    let na = c.c("B.2");
    assert_eq!(na.status, Status::NotApplicable);
    assert_eq!(na.score, None);
    assert_eq!(na.gap, None);
    assert_eq!(na.points, None);
    assert_eq!(na.effective_weight, None);
    // e = 1/2 each for B.1 and B.3.
    assert_eq!(c.c("B.1").effective_weight, Some(dec!(0.5)));
    assert_eq!(c.c("B.3").effective_weight, Some(dec!(0.5)));
    let r = c.report();
    assert_eq!(r.counts.not_applicable, 1);
    assert_eq!(r.criteria[1].not_applicable.as_deref(), Some("no navy"));
    assert!(!r.gaps.contains(&"B.2".to_owned()));
}

#[test]
fn a_benchmark_whose_criteria_are_all_not_applicable_drops_out() {
    let c = Case::new(
        "benchmarks:
- id: K
  title: Kept
  weight: 1
  criteria:
    - { id: K.1, title: k1 }
- id: X
  title: Excluded
  weight: 3
  min_score: 90
  criteria:
    - { id: X.1, title: x1, required: true }
    - { id: X.2, title: x2 }",
        "{ K.1: { level: 2 }, X.1: { not_applicable: landlocked }, X.2: { not_applicable: landlocked } }",
    );
    let x = c.b("X");
    assert!(!x.applicable);
    assert_eq!(x.score, None);
    assert_eq!(x.target, None);
    assert_eq!(x.coverage, None);
    assert_eq!(x.min_score_met, None);
    // S_R = S_K alone (not (1 * 50 + 3 * 0) / 4 = 12.5).
    assert_eq!(c.score.score, Some(dec!(50)));
    // Effective weights: X's weight leaves the denominator, so e(K.1) = 1.
    assert_eq!(c.c("K.1").effective_weight, Some(dec!(1)));
    assert_eq!(c.c("X.1").effective_weight, None);
    assert_eq!(c.c("X.2").effective_weight, None);
    assert_eq!(c.score.coverage, dec!(100));
    // Its gate and its required criterion block nothing: only the score reason remains.
    assert_eq!(
        c.judge(),
        verdict(
            Verdict::NotReady,
            &["score 50.0% is below the ready mark of 75.0%"]
        )
    );
    let r = c.report();
    assert!(!r.benchmarks[1].applicable);
    assert_eq!(r.benchmarks[1].band, None);
}

#[test]
fn an_applicable_but_unrated_benchmark_keeps_its_weight_in_coverage_only() {
    let c = Case::with(
        "min_coverage: 0\nbenchmarks:
- id: R
  title: Rated
  weight: 1
  criteria:
    - { id: R.1, title: r1 }
- id: U
  title: Unrated
  weight: 3
  criteria:
    - { id: U.1, title: u1 }",
        "{ R.1: { level: 4 } }",
        "",
    );
    // S_U is undefined, so S_R is benchmark R's score alone (100); but C_R = 100 * 1/4.
    assert_eq!(c.b("U").score, None);
    assert_eq!(c.b("U").coverage, Some(dec!(0)));
    assert!(c.b("U").applicable);
    assert_eq!(c.score.score, Some(dec!(100)));
    assert_eq!(c.score.coverage, dec!(25));
    assert_eq!(c.c("R.1").effective_weight, Some(dec!(0.25)));
    assert_eq!(c.c("U.1").effective_weight, Some(dec!(0.75)));
    assert_eq!(c.c("U.1").points, None);
    assert_eq!(c.c("U.1").gap, None);
    assert_eq!(c.judge().verdict, Verdict::Ready);
}

// ---------------------------------------------------------------------------------------------
// Coverage

#[test]
fn nothing_rated_gives_no_score_and_insufficient_evidence() {
    let c = Case::new(
        "benchmarks:
- id: B
  title: B
  criteria:
    - { id: B.1, title: b1 }
    - { id: B.2, title: b2 }",
        "{}",
    );
    assert_eq!(c.score.score, None);
    assert_eq!(c.score.coverage, dec!(0));
    assert_eq!(c.b("B").score, None);
    assert_eq!(c.b("B").coverage, Some(dec!(0)));
    // T_B is defined (over A_B) even without ratings.
    assert_eq!(c.b("B").target, Some(dec!(100)));
    assert!(
        c.score
            .criteria
            .iter()
            .all(|x| x.status == Status::NotAssessed
                && x.score.is_none()
                && x.gap.is_none()
                && x.points.is_none()
                && x.effective_weight == Some(dec!(0.5)))
    );
    assert_eq!(
        c.judge(),
        verdict(
            Verdict::InsufficientEvidence,
            &[
                "nothing applicable is rated",
                "coverage 0.0% is below the minimum of 80.0%"
            ]
        )
    );
    assert!(c.gaps().is_empty());
    let r = c.report();
    assert_eq!(r.score, None);
    assert_eq!(r.band, None);
    assert_eq!(r.not_assessed, ["B.1", "B.2"]);
    assert_eq!(r.counts.not_assessed, 2);
}

#[test]
fn nothing_rated_is_insufficient_even_with_zero_min_coverage() {
    let c = Case::new(
        "min_coverage: 0\nbenchmarks:
- id: B
  title: B
  criteria:
    - { id: B.1, title: b1 }",
        "{}",
    );
    assert_eq!(
        c.judge(),
        verdict(
            Verdict::InsufficientEvidence,
            &["nothing applicable is rated"]
        )
    );
}

#[test]
fn everything_not_applicable_gives_no_score() {
    let c = Case::new(
        "min_coverage: 0\nbenchmarks:
- id: B
  title: B
  criteria:
    - { id: B.1, title: b1 }",
        "{ B.1: { not_applicable: n/a } }",
    );
    assert_eq!(c.score.score, None);
    assert_eq!(c.score.coverage, dec!(0));
    assert!(!c.b("B").applicable);
    assert_eq!(c.judge().verdict, Verdict::InsufficientEvidence);
}

#[test]
fn partial_coverage_of_benchmarks_and_rule_set() {
    let c = Case::new(
        "benchmarks:
- id: P
  title: P
  weight: 1
  criteria:
    - { id: P.1, title: p1, weight: 1 }
    - { id: P.2, title: p2, weight: 3 }
- id: Q
  title: Q
  weight: 3
  criteria:
    - { id: Q.1, title: q1, weight: 2 }
    - { id: Q.2, title: q2, weight: 2 }
    - { id: Q.3, title: q3, weight: 5 }",
        "{ P.2: { level: 4 }, Q.1: { level: 2 }, Q.3: { not_applicable: n/a } }",
    );
    // C_P = 100 * 3 / 4; C_Q = 100 * 2 / (2 + 2) (Q.3 is not applicable).
    assert_eq!(c.b("P").coverage, Some(dec!(75)));
    assert_eq!(c.b("Q").coverage, Some(dec!(50)));
    // e(P.1) = 1/4 * 1/4, e(P.2) = 1/4 * 3/4, e(Q.1) = e(Q.2) = 3/4 * 2/4.
    assert_eq!(c.c("P.1").effective_weight, Some(dec!(0.0625)));
    assert_eq!(c.c("P.2").effective_weight, Some(dec!(0.1875)));
    assert_eq!(c.c("Q.1").effective_weight, Some(dec!(0.375)));
    assert_eq!(c.c("Q.2").effective_weight, Some(dec!(0.375)));
    assert_eq!(c.c("Q.3").effective_weight, None);
    // C_R = 100 * (0.1875 + 0.375).
    assert_eq!(c.score.coverage, dec!(56.25));
    // S_P = 100, S_Q = 50: S_R = (1 * 100 + 3 * 50) / 4 = 62.5.
    assert_eq!(c.score.score, Some(dec!(62.5)));
    assert_eq!(
        c.judge(),
        verdict(
            Verdict::InsufficientEvidence,
            &["coverage 56.3% is below the minimum of 80.0%"]
        )
    );
    let r = c.report();
    assert_eq!(r.coverage, dec!(56.25));
    assert_eq!(r.benchmarks[0].coverage, Some(dec!(75)));
    assert_eq!(r.criteria[1].effective_weight, Some(dec!(18.75)));
}

// ---------------------------------------------------------------------------------------------
// Effective weights, gaps and points

#[test]
fn effective_weights_combine_benchmark_and_criterion_weights() {
    let c = Case::new(
        "benchmarks:
- id: A
  title: A
  weight: 1
  criteria:
    - { id: A.1, title: a1, weight: 1 }
    - { id: A.2, title: a2, weight: 4 }
- id: B
  title: B
  weight: 1.5
  criteria:
    - { id: B.1, title: b1, weight: 0.5 }
    - { id: B.2, title: b2, weight: 2 }
- id: C
  title: C
  weight: 1.5
  criteria:
    - { id: C.1, title: c1, weight: 7 }",
        "{ A.1: { level: 4 }, A.2: { level: 4 }, B.1: { level: 4 }, B.2: { level: 4 }, C.1: { level: 4 } }",
    );
    // sum W = 4. A: 1/4 * (1/5, 4/5); B: 1.5/4 * (0.5/2.5, 2/2.5); C: 1.5/4 * 1.
    let expect = [
        ("A.1", dec!(0.05)),
        ("A.2", dec!(0.2)),
        ("B.1", dec!(0.075)),
        ("B.2", dec!(0.3)),
        ("C.1", dec!(0.375)),
    ];
    let mut sum = Decimal::ZERO;
    for (id, e) in expect {
        assert_eq!(c.c(id).effective_weight, Some(e), "{id}");
        sum += e;
    }
    assert_eq!(sum, dec!(1));
    assert_eq!(c.score.coverage, dec!(100));
    assert_eq!(c.score.score, Some(dec!(100)));
}

#[test]
fn gaps_and_points_are_what_the_score_gains() {
    let body = "target: 3\nbenchmarks:
- id: A
  title: A
  criteria:
    - { id: A.1, title: a1 }
    - { id: A.2, title: a2, target: 4 }
- id: B
  title: B
  criteria:
    - { id: B.1, title: b1, target: 2 }";
    let c = Case::new(
        body,
        "{ A.1: { level: 1 }, A.2: { level: 4 }, B.1: { level: 0 } }",
    );
    // A.1: s = 1/4, t = 3/4, g = 1/2, e = 1/2 * 1/2 = 1/4: P = 100 * 1/4 * 1/2 = 12.5.
    let a1 = c.c("A.1");
    assert_eq!(a1.gap, Some(dec!(0.5)));
    assert_eq!(a1.effective_weight, Some(dec!(0.25)));
    assert_eq!(a1.points, Some(dec!(12.5)));
    // A.2 is met: no gap, no points.
    assert_eq!(c.c("A.2").gap, Some(dec!(0)));
    assert_eq!(c.c("A.2").points, Some(dec!(0)));
    // B.1: s = 0, t = 1/2, g = 1/2, e = 1/2: P = 25.
    assert_eq!(c.c("B.1").gap, Some(dec!(0.5)));
    assert_eq!(c.c("B.1").points, Some(dec!(25)));
    // S_A = 100 * (1/4 + 1) / 2 = 62.5, S_B = 0: S_R = 31.25.
    assert_eq!(c.score.score, Some(dec!(31.25)));
    // Mean aggregation and full coverage: reaching the target gains exactly P_c.
    let raised = Case::new(
        body,
        "{ A.1: { level: 3 }, A.2: { level: 4 }, B.1: { level: 0 } }",
    );
    assert_eq!(raised.score.score, Some(dec!(43.75)));
    assert_eq!(dec!(43.75) - dec!(31.25), dec!(12.5));
    let raised = Case::new(
        body,
        "{ A.1: { level: 1 }, A.2: { level: 4 }, B.1: { level: 2 } }",
    );
    assert_eq!(raised.score.score, Some(dec!(56.25)));
    // The report: gap as 100 * g, points as P.
    let r = c.report();
    assert_eq!(r.criteria[0].gap, Some(dec!(50)));
    assert_eq!(r.criteria[0].points, Some(dec!(12.5)));
    assert_eq!(r.criteria[0].effective_weight, Some(dec!(25)));
    assert_eq!(r.gaps, ["B.1", "A.1"]);
}

// ---------------------------------------------------------------------------------------------
// Status

#[test]
fn status_met_partial_unmet_and_a_target_at_the_scale_minimum() {
    let c = Case::new(
        "scale: { min: 1, max: 5 }\ntarget: 3\nbenchmarks:
- id: S
  title: S
  criteria:
    - { id: S.1, title: met exactly }
    - { id: S.2, title: met above }
    - { id: S.3, title: partial }
    - { id: S.4, title: unmet }
    - { id: S.5, title: target at scale min, target: 1 }
    - { id: S.6, title: target at scale min rated above, target: 1 }
    - { id: S.7, title: not assessed }
    - { id: S.8, title: not applicable }",
        "{ S.1: { level: 3 }, S.2: { level: 5 }, S.3: { level: 2 }, S.4: { level: 1 },
           S.5: { level: 1 }, S.6: { level: 4 }, S.8: { not_applicable: n/a } }",
    );
    let expect = [
        ("S.1", Status::Met),
        ("S.2", Status::Met),
        ("S.3", Status::Partial),
        ("S.4", Status::Unmet),
        // s = 0 = t: met, not unmet ("unmet" is s = 0 < t).
        ("S.5", Status::Met),
        ("S.6", Status::Met),
        ("S.7", Status::NotAssessed),
        ("S.8", Status::NotApplicable),
    ];
    for (id, status) in expect {
        assert_eq!(c.c(id).status, status, "{id}");
    }
    assert_eq!(c.c("S.5").target, dec!(0));
    assert_eq!(c.c("S.5").gap, Some(dec!(0)));
    assert_eq!(c.c("S.5").points, Some(dec!(0)));
    assert_eq!(c.gaps(), ["S.4", "S.3"]);
    let r = c.report();
    assert_eq!(r.counts.met, 4);
    assert_eq!(r.counts.partial, 1);
    assert_eq!(r.counts.unmet, 1);
    assert_eq!(r.counts.not_assessed, 1);
    assert_eq!(r.counts.not_applicable, 1);
    let statuses: Vec<&str> = r.criteria.iter().map(|x| x.status.as_str()).collect();
    assert_eq!(
        statuses,
        [
            "met",
            "met",
            "partial",
            "unmet",
            "met",
            "met",
            "not-assessed",
            "not-applicable"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Verdicts

/// Two benchmarks; G has two required criteria and a gate of 50. Effective weights: 1/8 for
/// each criterion of G, 1/4 for each of H (no thirds, so coverage is exact).
const VERDICT_RULES: &str = "target: 3\nbenchmarks:
- id: G
  title: Gated
  min_score: 50
  criteria:
    - { id: G.1, title: Peaceful settlement, required: true }
    - { id: G.2, title: Civilian control, required: true }
    - { id: G.3, title: Other }
    - { id: G.4, title: Another }
- id: H
  title: Other benchmark
  criteria:
    - { id: H.1, title: h1 }
    - { id: H.2, title: h2 }";

/// Ratings of the verdict rule set: `levels` for G.1..G.4, H.1, H.2, `None` not assessed.
fn verdict_ratings(levels: [Option<i64>; 6]) -> String {
    let ids = ["G.1", "G.2", "G.3", "G.4", "H.1", "H.2"];
    let entries: Vec<String> = ids
        .iter()
        .zip(levels)
        .filter_map(|(id, l)| l.map(|l| format!("{id}: {{ level: {l} }}")))
        .collect();
    format!("{{ {} }}", entries.join(", "))
}

#[test]
fn insufficient_evidence_lists_every_reason() {
    // Only G.3 and H.1 rated: C_R = 100 * (1/8 + 1/4) = 37.5.
    let c = Case::new(
        VERDICT_RULES,
        &verdict_ratings([None, None, Some(4), None, Some(4), None]),
    );
    assert_eq!(c.score.coverage, dec!(37.5));
    assert_eq!(
        c.judge(),
        verdict(
            Verdict::InsufficientEvidence,
            &[
                "coverage 37.5% is below the minimum of 80.0%",
                "required criterion G.1 (Peaceful settlement) is not assessed",
                "required criterion G.2 (Civilian control) is not assessed",
            ]
        )
    );
}

#[test]
fn insufficient_evidence_for_a_required_criterion_not_assessed() {
    // Coverage 100 * (1 - 1/8) = 87.5 passes; G.2 is required and not assessed.
    let c = Case::new(
        VERDICT_RULES,
        &verdict_ratings([Some(4), None, Some(4), Some(4), Some(4), Some(4)]),
    );
    assert_eq!(c.score.coverage, dec!(87.5));
    assert_eq!(
        c.judge(),
        verdict(
            Verdict::InsufficientEvidence,
            &["required criterion G.2 (Civilian control) is not assessed"]
        )
    );
}

#[test]
fn insufficient_evidence_for_low_coverage_alone() {
    let c = Case::new(
        &format!("min_coverage: 90\n{VERDICT_RULES}"),
        &verdict_ratings([Some(4), Some(4), Some(4), Some(4), Some(4), None]),
    );
    // C_R = 100 * (1/2 + 1/4).
    assert_eq!(c.score.coverage, dec!(75));
    assert_eq!(
        c.judge(),
        verdict(
            Verdict::InsufficientEvidence,
            &["coverage 75.0% is below the minimum of 90.0%"]
        )
    );
}

#[test]
fn insufficient_evidence_comes_before_not_ready() {
    // Score 0 and required G.1 unmet, but G.2 is not assessed: only the first rule's reasons.
    let c = Case::new(
        VERDICT_RULES,
        &verdict_ratings([Some(0), None, Some(0), Some(0), Some(0), Some(0)]),
    );
    assert_eq!(
        c.judge(),
        verdict(
            Verdict::InsufficientEvidence,
            &["required criterion G.2 (Civilian control) is not assessed"]
        )
    );
}

#[test]
fn not_ready_lists_every_reason() {
    // G: s = (1/4, 3/4, 0, 0) -> S_G = 25 < 50; H: 50; S_R = 37.5 < 75; G.1 partial.
    let c = Case::new(
        VERDICT_RULES,
        &verdict_ratings([Some(1), Some(3), Some(0), Some(0), Some(2), Some(2)]),
    );
    assert_eq!(c.b("G").score, Some(dec!(25)));
    assert_eq!(c.score.score, Some(dec!(37.5)));
    assert_eq!(
        c.judge(),
        verdict(
            Verdict::NotReady,
            &[
                "required criterion G.1 (Peaceful settlement) is not met",
                "benchmark G (Gated) scores 25.0%, below its minimum of 50.0%",
                "score 37.5% is below the ready mark of 75.0%",
            ]
        )
    );
    assert_eq!(c.b("G").min_score_met, Some(false));
    assert_eq!(c.b("H").min_score_met, None);
}

#[test]
fn not_ready_for_a_required_criterion_not_met_alone() {
    // G.1 at 0 (unmet); everything else at 4: S_G = 75, S_R = 87.5.
    let c = Case::new(
        VERDICT_RULES,
        &verdict_ratings([Some(0), Some(4), Some(4), Some(4), Some(4), Some(4)]),
    );
    assert_eq!(c.c("G.1").status, Status::Unmet);
    assert_eq!(c.score.score, Some(dec!(87.5)));
    assert_eq!(
        c.judge(),
        verdict(
            Verdict::NotReady,
            &["required criterion G.1 (Peaceful settlement) is not met"]
        )
    );
}

#[test]
fn not_ready_for_a_benchmark_below_its_minimum_alone() {
    // G = (3, 3, 3, 0) on 0..4: S_G = 100 * 2.25 / 4 = 56.25 < 60; S_R = (56.25 + 100) / 2.
    let c = Case::new(
        &VERDICT_RULES.replace("min_score: 50", "min_score: 60"),
        &verdict_ratings([Some(3), Some(3), Some(3), Some(0), Some(4), Some(4)]),
    );
    assert_eq!(c.b("G").score, Some(dec!(56.25)));
    assert_eq!(c.score.score, Some(dec!(78.125)));
    assert_eq!(
        c.judge(),
        verdict(
            Verdict::NotReady,
            &["benchmark G (Gated) scores 56.3%, below its minimum of 60.0%"]
        )
    );
}

#[test]
fn not_ready_for_a_score_below_the_ready_mark_alone() {
    // Everything at 3 (the target): every criterion met, S_G = S_H = 75; ready_at 80.
    let c = Case::new(
        &format!("ready_at: 80\n{VERDICT_RULES}"),
        &verdict_ratings([Some(3); 6]),
    );
    assert_eq!(c.score.score, Some(dec!(75)));
    assert_eq!(
        c.judge(),
        verdict(
            Verdict::NotReady,
            &["score 75.0% is below the ready mark of 80.0%"]
        )
    );
}

#[test]
fn ready_at_exactly_every_threshold() {
    // G = (3, 3, 0, 2) -> S_G = 100 * 2 / 4 = 50 = min_score; H.1 = 3, H.2 not assessed ->
    // S_H = 75; S_R = 62.5 = ready_at; C_R = 100 * (1/2 + 1/4) = 75 = min_coverage.
    let c = Case::new(
        &format!("ready_at: 62.5\nmin_coverage: 75\n{VERDICT_RULES}"),
        &verdict_ratings([Some(3), Some(3), Some(0), Some(2), Some(3), None]),
    );
    assert_eq!(c.score.coverage, dec!(75));
    assert_eq!(c.b("G").score, Some(dec!(50)));
    assert_eq!(c.b("G").min_score_met, Some(true));
    assert_eq!(c.score.score, Some(dec!(62.5)));
    assert_eq!(
        c.judge(),
        verdict(
            Verdict::Ready,
            &[
                "score 62.5% reaches the ready mark of 62.5%, coverage 75.0%, every required criterion and benchmark minimum met"
            ]
        )
    );
    let r = c.report();
    assert_eq!(r.verdict, Verdict::Ready);
    assert!(r.without_waivers.is_none());
}

#[test]
fn ready_with_full_marks() {
    let c = Case::new(VERDICT_RULES, &verdict_ratings([Some(4); 6]));
    assert_eq!(c.score.score, Some(dec!(100)));
    assert_eq!(c.judge().verdict, Verdict::Ready);
    assert_eq!(c.judge().reasons.len(), 1);
    assert_eq!(Verdict::Ready.as_str(), "ready");
    assert_eq!(Verdict::NotReady.as_str(), "not-ready");
    assert_eq!(
        Verdict::InsufficientEvidence.as_str(),
        "insufficient-evidence"
    );
}

// ---------------------------------------------------------------------------------------------
// Waivers

fn waiver(id: &str, expires: Option<&str>) -> String {
    let expires = expires.map_or(String::new(), |d| format!("\n    expires: {d}"));
    format!(
        "waivers:\n  {id}:\n    justification: Deferred by agreement.\n    approved_by: Desk{expires}\n"
    )
}

/// G.1 partial (level 1), everything else full: S_G = 81.25, S_R = 90.625.
fn waiver_ratings() -> String {
    verdict_ratings([Some(1), Some(4), Some(4), Some(4), Some(4), Some(4)])
}

#[test]
fn an_active_waiver_lifts_a_required_criterion_not_met() {
    // No expiry, expiry after the assessment date (2008-06-30), expiry on that very date.
    for expires in [None, Some("2009-12-31"), Some("2008-06-30")] {
        let c = Case::with(VERDICT_RULES, &waiver_ratings(), &waiver("G.1", expires));
        // Scored and shown as usual.
        assert_eq!(c.c("G.1").status, Status::Partial, "{expires:?}");
        assert_eq!(c.gaps(), ["G.1"]);
        assert!(gaps::waiver_active(&c.assessment, "G.1"));
        assert_eq!(c.score.score, Some(dec!(90.625)));
        assert_eq!(
            c.judge().verdict,
            Verdict::Ready,
            "{expires:?}: {:?}",
            c.judge()
        );
        assert_eq!(
            c.judge_without_waivers(),
            verdict(
                Verdict::NotReady,
                &["required criterion G.1 (Peaceful settlement) is not met"]
            )
        );
        let r = c.report();
        assert_eq!(r.verdict, Verdict::Ready);
        let without = r.without_waivers.expect("shown when there are waivers");
        assert_eq!(without.verdict, Verdict::NotReady);
        assert_eq!(
            without.reasons,
            ["required criterion G.1 (Peaceful settlement) is not met"]
        );
        assert_eq!(r.waivers.len(), 1);
        assert_eq!(r.waivers[0].criterion, "G.1");
        assert_eq!(r.waivers[0].approved_by.as_deref(), Some("Desk"));
        assert!(!r.waivers[0].expired);
        assert!(r.criteria[0].waived);
        assert!(!r.criteria[1].waived);
        assert_eq!(r.gaps, ["G.1"]);
    }
}

#[test]
fn an_expired_waiver_has_no_effect() {
    // Expired the day before the assessment's as_of (2008-06-30).
    let c = Case::with(
        VERDICT_RULES,
        &waiver_ratings(),
        &waiver("G.1", Some("2008-06-29")),
    );
    assert!(!gaps::waiver_active(&c.assessment, "G.1"));
    let blocked = verdict(
        Verdict::NotReady,
        &["required criterion G.1 (Peaceful settlement) is not met"],
    );
    assert_eq!(c.judge(), blocked);
    assert_eq!(c.judge_without_waivers(), blocked);
    let r = c.report();
    assert_eq!(r.verdict, Verdict::NotReady);
    assert_eq!(r.reasons, blocked.reasons);
    assert!(r.waivers[0].expired);
    assert!(!r.criteria[0].waived);
    let without = r.without_waivers.expect("shown when there are waivers");
    assert_eq!(without.verdict, Verdict::NotReady);
}

#[test]
fn an_active_waiver_lifts_a_required_criterion_not_assessed() {
    // G.2 not assessed; coverage 87.5 passes.
    let c = Case::with(
        VERDICT_RULES,
        &verdict_ratings([Some(4), None, Some(4), Some(4), Some(4), Some(4)]),
        &waiver("G.2", None),
    );
    assert_eq!(c.judge().verdict, Verdict::Ready, "{:?}", c.judge());
    assert_eq!(
        c.judge_without_waivers(),
        verdict(
            Verdict::InsufficientEvidence,
            &["required criterion G.2 (Civilian control) is not assessed"]
        )
    );
    let r = c.report();
    assert_eq!(
        r.without_waivers.map(|w| w.verdict),
        Some(Verdict::InsufficientEvidence)
    );
}

#[test]
fn a_waiver_lifts_only_the_required_criterion_reason() {
    // G.1 waived, but G is below its gate (S_G = 25) and S_R = 12.5 below the ready mark.
    let c = Case::with(
        VERDICT_RULES,
        &verdict_ratings([Some(0), Some(4), Some(0), Some(0), Some(0), Some(0)]),
        &waiver("G.1", None),
    );
    assert_eq!(
        c.judge(),
        verdict(
            Verdict::NotReady,
            &[
                "benchmark G (Gated) scores 25.0%, below its minimum of 50.0%",
                "score 12.5% is below the ready mark of 75.0%",
            ]
        )
    );
    assert_eq!(
        c.judge_without_waivers(),
        verdict(
            Verdict::NotReady,
            &[
                "required criterion G.1 (Peaceful settlement) is not met",
                "benchmark G (Gated) scores 25.0%, below its minimum of 50.0%",
                "score 12.5% is below the ready mark of 75.0%",
            ]
        )
    );
}

// ---------------------------------------------------------------------------------------------
// Gap ranking

#[test]
fn gaps_rank_required_first_then_points_descending_then_id() {
    let c = Case::new(
        "benchmarks:
- id: R
  title: R
  criteria:
    - { id: R.3, title: required small gap, required: true }
    - { id: R.2, title: tie b }
    - { id: R.1, title: tie a }
    - { id: R.4, title: half }
    - { id: R.9, title: required large gap, required: true }
    - { id: R.5, title: met }
    - { id: R.0, title: not assessed }
    - { id: R.6, title: heavy small gap, weight: 5 }",
        "{ R.3: { level: 3 }, R.2: { level: 0 }, R.1: { level: 0 }, R.4: { level: 2 },
           R.9: { level: 0 }, R.5: { level: 4 }, R.6: { level: 3 } }",
    );
    // Sum w = 12. P = 100 * w/12 * g: R.3 = 25/12, R.2 = R.1 = 100/12, R.4 = 50/12,
    // R.9 = 100/12, R.6 = 125/12.
    assert_eq!(c.gaps(), ["R.9", "R.3", "R.6", "R.1", "R.2", "R.4"]);
    assert_eq!(c.report().gaps, ["R.9", "R.3", "R.6", "R.1", "R.2", "R.4"]);
}

#[test]
fn gap_ranking_ties_on_points_across_benchmarks_break_by_id() {
    // Equal points in different benchmarks and rule-set order opposite to id order.
    let c = Case::new(
        "benchmarks:
- id: Z
  title: Z
  criteria:
    - { id: Z.1, title: z1 }
- id: A
  title: A
  criteria:
    - { id: A.1, title: a1 }",
        "{ Z.1: { level: 2 }, A.1: { level: 2 } }",
    );
    assert_eq!(c.c("Z.1").points, c.c("A.1").points);
    assert_eq!(c.gaps(), ["A.1", "Z.1"]);
}

// ---------------------------------------------------------------------------------------------
// Bands

#[test]
fn default_bands_take_the_last_band_whose_from_is_at_most_the_score() {
    let c = Case::new(
        "benchmarks:\n- { id: B, title: B, criteria: [ { id: B.1, title: b1 } ] }",
        "{ B.1: { level: 2 } }",
    );
    let r = c.ruleset();
    for (score, label) in [
        (dec!(0), "Early stage"),
        (dec!(19.99), "Early stage"),
        (dec!(20), "Some level of preparation"),
        (dec!(39.999), "Some level of preparation"),
        (dec!(40), "Moderately prepared"),
        (dec!(60), "Good level of preparation"),
        (dec!(79.99), "Good level of preparation"),
        (dec!(80), "Well advanced"),
        (dec!(100), "Well advanced"),
    ] {
        assert_eq!(gaps::band(r, score), Some(label), "{score}");
    }
    let rep = c.report();
    assert_eq!(rep.band.as_deref(), Some("Moderately prepared"));
    assert_eq!(
        rep.benchmarks[0].band.as_deref(),
        Some("Moderately prepared")
    );
}

#[test]
fn custom_bands() {
    let c = Case::new(
        "bands:
  - { from: 0, label: Red }
  - { from: 50, label: Amber }
  - { from: 87.5, label: Green }
benchmarks:
- id: B
  title: B
  criteria: [ { id: B.1, title: b1 }, { id: B.2, title: b2 } ]
- id: C
  title: C
  criteria: [ { id: C.1, title: c1 } ]",
        "{ B.1: { level: 4 }, B.2: { level: 3 }, C.1: { level: 1 } }",
    );
    let r = c.ruleset();
    for (score, label) in [
        (dec!(0), "Red"),
        (dec!(49.99), "Red"),
        (dec!(50), "Amber"),
        (dec!(87.49), "Amber"),
        (dec!(87.5), "Green"),
        (dec!(100), "Green"),
    ] {
        assert_eq!(gaps::band(r, score), Some(label), "{score}");
    }
    // S_B = 87.5 (Green), S_C = 25 (Red), S_R = 56.25 (Amber).
    let rep = c.report();
    assert_eq!(rep.band.as_deref(), Some("Amber"));
    assert_eq!(rep.benchmarks[0].band.as_deref(), Some("Green"));
    assert_eq!(rep.benchmarks[1].band.as_deref(), Some("Red"));
}

// ---------------------------------------------------------------------------------------------
// Exact decimals and rounding

#[test]
fn thirds_are_exact_decimal_divisions() {
    let c = Case::new(
        "scale: { min: 0, max: 3 }\nbenchmarks:
- id: T
  title: Thirds
  criteria:
    - { id: T.1, title: one }
    - { id: T.2, title: two }
    - { id: T.3, title: two again }",
        "{ T.1: { level: 1 }, T.2: { level: 2 }, T.3: { level: 2 } }",
    );
    let third = Decimal::ONE / Decimal::from(3);
    let two_thirds = Decimal::TWO / Decimal::from(3);
    assert_eq!(third.to_string(), "0.3333333333333333333333333333");
    assert_eq!(two_thirds.to_string(), "0.6666666666666666666666666667");
    assert_eq!(c.c("T.1").score, Some(third));
    assert_eq!(c.c("T.2").score, Some(two_thirds));
    // S_T = 100 * (1/3 + 2/3 + 2/3) / 3 = 500/9, computed exactly and rounded once, correctly,
    // to 28 significant digits: ...556, where step-by-step decimal division would give ...557.
    let expected = Decimal::from_str_exact("55.555555555555555555555555556").unwrap();
    assert_eq!(c.b("T").score, Some(expected));
    assert_eq!(c.score.score, Some(expected));
    // Never a float, never rounded in scoring.
    assert_ne!(c.score.score, Some(dec!(55.56)));
    // Rounded only for layout: JSON two decimals, human formats one.
    assert_eq!(report::round(expected, 2), dec!(55.56));
    assert_eq!(gaps::human(expected), "55.6");
    // e = 1/3 each.
    assert_eq!(c.c("T.1").effective_weight, Some(third));
    // P(T.1) = 100 * 1/3 * (1 - 1/3) = 200/9.
    assert_eq!(
        c.c("T.1").points,
        Some(Decimal::from_str_exact("22.222222222222222222222222222").unwrap())
    );
    let json = serde_json::to_value(report::build(&c.catalog, &c.assessment)).expect("json");
    let r = &json["rulesets"][0];
    assert_eq!(r["score"].to_string(), "55.56");
    assert_eq!(r["benchmarks"][0]["score"].to_string(), "55.56");
    assert_eq!(r["criteria"][0]["score"].to_string(), "33.33");
    assert_eq!(r["criteria"][1]["score"].to_string(), "66.67");
    assert_eq!(r["criteria"][0]["gap"].to_string(), "66.67");
    assert_eq!(r["criteria"][0]["points"].to_string(), "22.22");
    assert_eq!(r["criteria"][0]["effective_weight"].to_string(), "33.33");
}

#[test]
fn rounding_is_half_away_from_zero() {
    assert_eq!(report::round(dec!(62.345), 2), dec!(62.35));
    assert_eq!(report::round(dec!(-62.345), 2), dec!(-62.35));
    assert_eq!(report::round(dec!(0.125), 2), dec!(0.13));
    assert_eq!(report::round(dec!(0.135), 2), dec!(0.14));
    assert_eq!(report::round(dec!(62.3449999), 2), dec!(62.34));
    assert_eq!(report::round(dec!(2.5), 0), dec!(3));
    assert_eq!(report::round(dec!(62.25), 1), dec!(62.3));
    // Trailing zeros are dropped.
    assert_eq!(report::round(dec!(50.000), 2).to_string(), "50");
    assert_eq!(report::round(dec!(12.50), 2).to_string(), "12.5");
    assert_eq!(gaps::human(dec!(62.25)), "62.3");
    assert_eq!(gaps::human(dec!(62.35)), "62.4");
    assert_eq!(gaps::human(dec!(-0.05)), "-0.1");
    assert_eq!(gaps::human(dec!(50)), "50.0");
}

#[test]
fn json_rounds_half_away_from_zero_to_two_decimals() {
    // An indicator from 0 to 100 scores value / 100 exactly: 62.345 -> s = 0.62345.
    let c = Case::new(
        "benchmarks:
- id: J
  title: J
  criteria:
    - { id: J.1, title: j1, indicator: { unit: points, floor: 0, target: 100 } }",
        "{ J.1: { value: 62.345 } }",
    );
    assert_eq!(c.score.score, Some(dec!(62.345)));
    assert_eq!(c.c("J.1").gap, Some(dec!(0.37655)));
    let json = serde_json::to_value(report::build(&c.catalog, &c.assessment)).expect("json");
    let r = &json["rulesets"][0];
    assert_eq!(r["score"].to_string(), "62.35");
    assert_eq!(r["coverage"].to_string(), "100");
    assert_eq!(r["benchmarks"][0]["score"].to_string(), "62.35");
    assert_eq!(r["criteria"][0]["score"].to_string(), "62.35");
    assert_eq!(r["criteria"][0]["value"].to_string(), "62.345");
    // 100 * g = 37.655 -> 37.66; P = 100 * 1 * 0.37655 -> 37.66.
    assert_eq!(r["criteria"][0]["gap"].to_string(), "37.66");
    assert_eq!(r["criteria"][0]["points"].to_string(), "37.66");
    let c = Case::new(
        "benchmarks:
- id: J
  title: J
  criteria:
    - { id: J.1, title: j1, indicator: { unit: points, floor: 0, target: 100 } }",
        "{ J.1: { value: 62.125 } }",
    );
    let json = serde_json::to_value(report::build(&c.catalog, &c.assessment)).expect("json");
    // Half-even would give 62.12.
    assert_eq!(json["rulesets"][0]["score"].to_string(), "62.13");
    assert!(c.judge().reasons[0].contains("62.1%"), "{:?}", c.judge());
}

// ---------------------------------------------------------------------------------------------
// Rounding at the thresholds (bugs)

#[test]
fn full_coverage_meets_a_min_coverage_of_100() {
    let c = Case::new(
        "min_coverage: 100\nready_at: 0\nbenchmarks:
- id: B
  title: B
  criteria:
    - { id: B.1, title: b1 }
    - { id: B.2, title: b2 }
    - { id: B.3, title: b3 }",
        "{ B.1: { level: 4 }, B.2: { level: 4 }, B.3: { level: 4 } }",
    );
    // Every applicable criterion is rated: C_B = 100 and, by definition, C_R = 100.
    assert_eq!(c.b("B").coverage, Some(dec!(100)));
    // The verdict is what an analyst sees; the exact value is what SPEC section 5 defines.
    assert_eq!(
        c.judge(),
        verdict(
            Verdict::Ready,
            &[
                "score 100.0% reaches the ready mark of 0.0%, coverage 100.0%, every required criterion and benchmark minimum met"
            ]
        )
    );
    assert_eq!(c.score.coverage, dec!(100), "C_R of a fully rated rule set");
}

#[test]
fn a_score_exactly_at_the_ready_mark_and_gate_is_not_below_them() {
    let c = Case::new(
        "scale: { min: 0, max: 3 }\nready_at: 25\nbenchmarks:
- id: B
  title: B
  min_score: 25
  criteria:
    - { id: B.1, title: b1, weight: 3, target: 1 }
    - { id: B.2, title: b2, weight: 1, target: 0 }",
        "{ B.1: { level: 1 }, B.2: { level: 0 } }",
    );
    // Both criteria meet their targets; exactly, S_B = S_R = 100 * (3 * 1/3 + 1 * 0) / 4 = 25.
    assert_eq!(c.gaps(), Vec::<String>::new());
    assert_eq!(c.b("B").min_score_met, Some(true));
    assert_eq!(c.judge().verdict, Verdict::Ready, "{:?}", c.judge());
    assert_eq!(c.b("B").score, Some(dec!(25)));
}

#[test]
fn fractions_too_big_for_128_bits_are_scored_with_arbitrary_precision() {
    // Weights with twenty decimals and indicator ranges with coprime denominators overflow
    // 128-bit fractions; the result must be the exact one all the same.
    let c = Case::new(
        "benchmarks:
- id: W
  title: Wide
  weight: 1.00000000000000000001
  criteria:
    - { id: W.1, title: a, weight: 3.00000000000000000007, indicator: { unit: u, floor: 0.3, target: 9.7 } }
    - { id: W.2, title: b, weight: 7.00000000000000000011, indicator: { unit: u, floor: 0.7, target: 13.1 } }
    - { id: W.3, title: c, weight: 11.0000000000000000013, indicator: { unit: u, floor: 1.1, target: 17.3 } }
    - { id: W.4, title: d, weight: 13.0000000000000000017 }
- id: V
  title: Other
  weight: 2.99999999999999999993
  criteria:
    - { id: V.1, title: e, weight: 0.19999999999999999999 }",
        "{ W.1: { value: 5.3 }, W.2: { value: 9.1 }, W.3: { value: 2.9 }, W.4: { level: 3 }, V.1: { level: 1 } }",
    );
    let r = c.ruleset();
    assert_eq!(c.score, score::score_arbitrary_precision(r, &c.assessment));
    assert!(c.score.score.is_some());
    // Spot check: W.1 scores (5.3 - 0.3) / (9.7 - 0.3) = 5 / 9.4 = 25/47.
    assert_eq!(
        c.c("W.1").score,
        Some(Decimal::from_str_exact("0.5319148936170212765957446809").unwrap())
    );
}
