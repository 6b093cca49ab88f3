//! The command line, as clap derive types. `readiness --help` is generated from these comments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::render::Format;

/// Measure how far a country is from a framework's membership benchmarks, and report the gaps.
#[derive(Debug, Parser)]
#[command(
    name = "readiness",
    version,
    about,
    max_term_width = 100,
    after_help = "Exit status: 0 success; 1 a --fail-under threshold was not met; 2 any error (usage, unreadable or\ninvalid input, unwritable output). Reports go to stdout or -o; diagnostics to stderr."
)]
pub struct Cli {
    #[command(flatten)]
    pub shared: Shared,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Shared {
    /// Rule sets: a file, or a directory whose *.yaml/*.yml files are rule sets. Repeatable.
    /// Default: $READINESS_RULES, else ./rules
    #[arg(long = "rules", value_name = "PATH", global = true)]
    pub rules: Vec<PathBuf>,
    /// Refuse input files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::load::DEFAULT_MAX_FILE_SIZE, global = true)]
    pub max_file_size: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score assessments and write their gap reports.
    Score(ScoreArgs),
    /// Check rule sets and assessments: every problem of every file, errors and warnings.
    Validate(ValidateArgs),
    /// Write a skeleton assessment: every criterion, with its guidance as comments.
    Init(InitArgs),
    /// Explain a rule set, benchmark or criterion: definition, scale, guidance, sources, related.
    Explain(ExplainArgs),
    /// Print a JSON Schema (draft 2020-12) for editors and report consumers.
    Schema(SchemaArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Rule-set and assessment files or directories (default: ./rules and ./assessments). Files
    /// with a top-level `ruleset:` key are rule sets; the others are assessments.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The country the assessment is about.
    #[arg(long)]
    pub country: String,
    /// Rule sets to include (repeatable; default: every loaded rule set).
    #[arg(long = "ruleset", value_name = "ID")]
    pub rulesets: Vec<String>,
    /// The assessment date, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Write the skeleton to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule-set, benchmark or criterion id.
    pub id: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
    pub format: ExplainFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExplainFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema.
    #[arg(value_enum)]
    pub kind: crate::schema::Kind,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Assessment files, directories of *.yaml/*.yml assessments, or - for standard input.
    #[arg(required = true, value_name = "ASSESSMENT")]
    pub assessments: Vec<String>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to this file (atomically); with several assessments and a per-report
    /// format (markdown, html), a directory holding one report per assessment and an index.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Exit with status 1 when any rule-set score is below this percentage (or has no score).
    #[arg(long, value_name = "PERCENT")]
    pub fail_under: Option<rust_decimal::Decimal>,
    /// Threads for a batch. Default: every core.
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
}
