//! JSON Schemas (draft 2020-12) of the input files and the JSON report, for editors
//! (yaml-language-server) and for consumers of the report.
//!
//! The input files are read by [`crate::validate`] from a span-carrying tree, not by serde, so
//! the types below exist to describe the formats: their doc comments become the descriptions an
//! editor shows on hover. A test keeps their keys equal to the keys validation accepts.

use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};

/// The schemas `readiness schema` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// A rule-set file (`rules/*.yaml`).
    Ruleset,
    /// An assessment file (`assessments/*.yaml`).
    Assessment,
    /// The JSON report of `readiness score --format json`.
    Report,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Ruleset, Kind::Assessment, Kind::Report];

    /// The file name under `schemas/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Kind::Ruleset => "ruleset.schema.json",
            Kind::Assessment => "assessment.schema.json",
            Kind::Report => "report.schema.json",
        }
    }
}

/// The schema of `kind`, pretty-printed, ending in a newline.
pub fn schema(kind: Kind) -> String {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let schema = match kind {
        Kind::Ruleset => generator.into_root_schema_for::<RuleSetFile>(),
        Kind::Assessment => generator.into_root_schema_for::<AssessmentFile>(),
        Kind::Report => generator.into_root_schema_for::<crate::report::Report>(),
    };
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// A rule set: one framework's benchmarks, their criteria, the rating scale and the thresholds.
#[derive(JsonSchema)]
#[schemars(title = "readiness rule set")]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct RuleSetFile {
    /// The rule set's id: lowercase letters, digits and `-`, unique among loaded rule sets.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    ruleset: String,
    /// The framework's name, shown in reports.
    title: String,
    /// The rule set's version (a string such as "1.0"), shown in reports.
    version: String,
    /// One paragraph on what this framework is.
    summary: Option<String>,
    /// Citable documents; criteria refer to them by id.
    sources: Option<Vec<SourceEntry>>,
    /// The level scale (default 0..4).
    scale: Option<ScaleEntry>,
    /// Default target level of level criteria (default: the scale's max).
    target: Option<i64>,
    /// Default aggregation of benchmarks (default mean).
    aggregation: Option<AggregationWord>,
    /// Percent; a rule-set score below it is not ready (default 75).
    ready_at: Option<Percent>,
    /// Percent of applicable weight that must be rated for any verdict (default 80).
    min_coverage: Option<Percent>,
    /// Ratings older than this many days before the assessment date are flagged stale.
    #[schemars(range(min = 0))]
    max_evidence_age_days: Option<i64>,
    /// Readiness labels by score: strictly ascending, the first from 0.
    bands: Option<Vec<BandEntry>>,
    /// Labels for score changes between two assessments: ascending, the first without `from`.
    progress: Option<Vec<ProgressEntry>>,
    /// The framework's top-level conditions.
    #[schemars(length(min = 1))]
    benchmarks: Vec<BenchmarkEntry>,
}

/// A document criteria cite.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SourceEntry {
    /// The id criteria use in their `sources` list.
    id: String,
    /// The document's public title.
    title: String,
    publisher: Option<String>,
    year: Option<i64>,
    url: Option<String>,
}

/// The rating scale: whole levels from `min` to `max`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ScaleEntry {
    /// Lowest level (default 0).
    min: Option<i64>,
    /// Highest level (default 4); above `min`.
    max: Option<i64>,
    /// A label per level, e.g. `{ 0: Early stage, 4: Well advanced }`.
    labels: Option<LevelTexts>,
}

/// A band of scores and its label.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct BandEntry {
    /// Lowest score (percent) of the band.
    from: Percent,
    label: String,
}

/// A band of score changes (in points) and its label.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ProgressEntry {
    /// Lowest change, in points, of the band; absent on the first band.
    from: Option<Number>,
    label: String,
}

/// A top-level condition of the framework.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct BenchmarkEntry {
    /// Unique across every loaded rule set, e.g. `ID-3`.
    id: Id,
    title: String,
    /// Relative weight in the rule-set score; above 0 (default 1).
    weight: Option<Weight>,
    /// Overrides the rule set's aggregation for this benchmark.
    aggregation: Option<AggregationWord>,
    /// A gate: a benchmark score (percent) below it makes the verdict not-ready.
    min_score: Option<Percent>,
    /// The ratable elements of the benchmark.
    #[schemars(length(min = 1))]
    criteria: Vec<CriterionEntry>,
}

/// A ratable element: a level criterion, or an indicator criterion when `indicator` is given.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct CriterionEntry {
    /// Unique across every loaded rule set, e.g. `ID-3.1`.
    id: Id,
    title: String,
    /// Relative weight within its benchmark; above 0 (default 1).
    weight: Option<Weight>,
    /// Target level (level criteria only); overrides the rule set's target.
    target: Option<i64>,
    /// A must-pass gate: not met makes the verdict not-ready, not assessed insufficient-evidence.
    required: Option<bool>,
    /// What each level looks like (level criteria only).
    guidance: Option<LevelTexts>,
    /// What the country would do to close a gap here.
    remediation: Option<String>,
    /// Ids of this file's `sources`.
    sources: Option<Vec<String>>,
    /// Ids of related criteria or benchmarks, usually in other rule sets.
    related: Option<Vec<String>>,
    /// Makes this an indicator criterion, measured as a number.
    indicator: Option<IndicatorEntry>,
}

/// A criterion measured as a number: `floor` scores 0, `target` scores 100%.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct IndicatorEntry {
    /// The unit values are given in, e.g. "% of GDP".
    unit: String,
    /// The value that scores 0; above the target when lower is better.
    floor: Number,
    /// The value at which the criterion is met; differs from the floor.
    target: Number,
}

/// One country at one date, rated against one or more rule sets.
#[derive(JsonSchema)]
#[schemars(title = "readiness assessment")]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct AssessmentFile {
    /// The country assessed.
    country: String,
    /// The date the assessment describes.
    as_of: IsoDate,
    /// Rule sets to score (default: every loaded rule set it rates).
    rulesets: Option<Vec<String>>,
    /// Who made the assessment.
    assessors: Option<Vec<String>>,
    /// Free text, e.g. that the file is illustrative example data.
    notes: Option<String>,
    /// Ratings by criterion id (may be empty); a criterion without one is not assessed.
    #[schemars(required)]
    ratings: Option<BTreeMap<String, RatingEntry>>,
    /// Agreed exceptions by criterion id: scored as usual, but they do not block a verdict.
    waivers: Option<BTreeMap<String, WaiverEntry>>,
}

/// One criterion's rating: exactly one of `level`, `value` or `not_applicable`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("oneOf" = [
    { "required": ["level"] },
    { "required": ["value"] },
    { "required": ["not_applicable"] }
]))]
#[allow(dead_code)]
struct RatingEntry {
    /// A level on the rule set's scale (level criteria).
    level: Option<i64>,
    /// A measured value (indicator criteria).
    value: Option<Number>,
    /// Why this criterion does not apply (non-empty).
    #[schemars(length(min = 1))]
    not_applicable: Option<String>,
    /// What was observed. A rating without evidence is listed as unsupported.
    evidence: Option<String>,
    /// Where the evidence comes from.
    sources: Option<Vec<String>>,
    /// How sure the analyst is (default medium); low-confidence ratings vary in sensitivity runs.
    confidence: Option<ConfidenceWord>,
    /// When the evidence was observed (default: the assessment's `as_of`).
    as_of: Option<IsoDate>,
}

/// An agreed exception for one criterion.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct WaiverEntry {
    /// Why the exception was agreed (required).
    #[schemars(length(min = 1))]
    justification: String,
    /// Who approved it.
    approved_by: Option<String>,
    /// After this date (compared with the assessment's `as_of`) the waiver has no effect.
    expires: Option<IsoDate>,
}

#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum AggregationWord {
    /// Weighted mean of the criterion scores.
    Mean,
    /// The lowest criterion score.
    Min,
}

#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum ConfidenceWord {
    Low,
    Medium,
    High,
}

/// Texts by level, keyed by whole numbers on the scale.
struct LevelTexts;

impl JsonSchema for LevelTexts {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LevelTexts".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "description": "Texts keyed by level (whole numbers on the scale).",
            "propertyNames": { "pattern": "^-?[0-9]+$" },
            "additionalProperties": { "type": "string" }
        })
    }
}

/// An exact decimal number, e.g. 2.5.
struct Number;

impl JsonSchema for Number {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Number".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number", "description": "A decimal number, read exactly." })
    }
}

/// A percentage, 0..100.
struct Percent;

impl JsonSchema for Percent {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Percent".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number", "minimum": 0, "maximum": 100 })
    }
}

/// A weight above 0.
struct Weight;

impl JsonSchema for Weight {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Weight".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number", "exclusiveMinimum": 0 })
    }
}

/// A benchmark or criterion id.
struct Id;

impl JsonSchema for Id {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": "^[A-Za-z0-9._-]+$" })
    }
}

/// A calendar date, YYYY-MM-DD.
pub struct IsoDate;

impl JsonSchema for IsoDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
    }
}

impl JsonSchema for crate::date::Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        IsoDate::json_schema(generator)
    }
}
