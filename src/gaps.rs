//! Pure: scores -> verdicts and ranked gaps (SPEC section 5). A gap is a finding about the
//! country, never an error.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Assessment, Criterion, RuleSet};
use crate::score::{CriterionScore, RuleSetScore, Status};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Ready,
    NotReady,
    InsufficientEvidence,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ready => "ready",
            Verdict::NotReady => "not-ready",
            Verdict::InsufficientEvidence => "insufficient-evidence",
        }
    }
}

/// A verdict and every reason for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judgement {
    pub verdict: Verdict,
    pub reasons: Vec<String>,
}

/// The verdict of `ruleset`, first rule that applies, every reason of that rule listed.
/// With `honour_waivers`, a criterion under a waiver that has not expired does not block.
pub fn judge(
    ruleset: &RuleSet,
    assessment: &Assessment,
    score: &RuleSetScore,
    honour_waivers: bool,
) -> Judgement {
    let waived = |c: &Criterion| honour_waivers && waiver_active(assessment, &c.id);
    let criteria = || {
        ruleset
            .benchmarks
            .iter()
            .flat_map(|b| &b.criteria)
            .zip(&score.criteria)
    };

    let mut insufficient = Vec::new();
    if score.score.is_none() {
        insufficient.push("nothing applicable is rated".to_owned());
    }
    if !score.coverage_met {
        insufficient.push(format!(
            "coverage {}% is below the minimum of {}%",
            human(score.coverage),
            human(ruleset.min_coverage)
        ));
    }
    for (c, s) in criteria() {
        if c.required && s.status == Status::NotAssessed && !waived(c) {
            insufficient.push(format!(
                "required criterion {} ({}) is not assessed",
                c.id, c.title
            ));
        }
    }
    if !insufficient.is_empty() {
        return Judgement {
            verdict: Verdict::InsufficientEvidence,
            reasons: insufficient,
        };
    }

    let mut not_ready = Vec::new();
    for (c, s) in criteria() {
        if c.required && matches!(s.status, Status::Partial | Status::Unmet) && !waived(c) {
            not_ready.push(format!(
                "required criterion {} ({}) is not met",
                c.id, c.title
            ));
        }
    }
    for (b, s) in ruleset.benchmarks.iter().zip(&score.benchmarks) {
        if let (Some(min), Some(sb), Some(false)) = (b.min_score, s.score, s.min_score_met) {
            not_ready.push(format!(
                "benchmark {} ({}) scores {}%, below its minimum of {}%",
                b.id,
                b.title,
                human(sb),
                human(min)
            ));
        }
    }
    let total = score.score.unwrap_or_default();
    if !score.ready_mark_met {
        not_ready.push(format!(
            "score {}% is below the ready mark of {}%",
            human(total),
            human(ruleset.ready_at)
        ));
    }
    if !not_ready.is_empty() {
        return Judgement {
            verdict: Verdict::NotReady,
            reasons: not_ready,
        };
    }
    Judgement {
        verdict: Verdict::Ready,
        reasons: vec![format!(
            "score {}% reaches the ready mark of {}%, coverage {}%, every required criterion and benchmark minimum met",
            human(total),
            human(ruleset.ready_at),
            human(score.coverage)
        )],
    }
}

/// Whether `id` has a waiver that has not expired by the assessment date.
pub fn waiver_active(assessment: &Assessment, id: &str) -> bool {
    assessment
        .waivers
        .get(id)
        .is_some_and(|w| w.expires.is_none_or(|e| e >= assessment.as_of))
}

/// The rated criteria that are not met, ranked: required first, then points descending, then
/// id. Indices into `score.criteria`.
pub fn ranked_gaps(ruleset: &RuleSet, score: &RuleSetScore) -> Vec<usize> {
    let criteria = ruleset.benchmarks.iter().flat_map(|b| &b.criteria);
    let mut gaps: Vec<(usize, &Criterion, &CriterionScore)> = criteria
        .zip(&score.criteria)
        .enumerate()
        .filter(|(_, (_, s))| matches!(s.status, Status::Partial | Status::Unmet))
        .map(|(i, (c, s))| (i, c, s))
        .collect();
    gaps.sort_by(|(_, ca, sa), (_, cb, sb)| {
        cb.required
            .cmp(&ca.required)
            .then_with(|| sb.points.cmp(&sa.points))
            .then_with(|| ca.id.cmp(&cb.id))
    });
    gaps.into_iter().map(|(i, ..)| i).collect()
}

/// The band of a score: the last whose `from <= score`.
pub fn band(ruleset: &RuleSet, score: Decimal) -> Option<&str> {
    ruleset
        .bands
        .iter()
        .rev()
        .find(|b| b.from <= score)
        .map(|b| b.label.as_str())
}

/// Rounds half away from zero to one decimal, for prose and human formats.
pub fn human(d: Decimal) -> String {
    format!(
        "{:.1}",
        d.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    )
}
