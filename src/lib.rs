//! `readiness`: how far a country is from a framework's membership benchmarks.
//!
//! # Code map
//!
//! The pipeline, in the order the modules are read:
//!
//! 1. [`load`]: files -> [`tree::Node`] document trees. The only module that knows YAML.
//! 2. [`validate`]: trees -> [`model`] types whose invariants hold; every problem a
//!    [`diagnostic::Diagnostic`], all of them in one run.
//! 3. [`score`]: pure and exact (fractions inside, decimals out): criterion, benchmark and
//!    rule-set scores (SPEC section 5).
//! 4. [`gaps`]: pure: verdicts with their reasons, ranked gaps, bands.
//! 5. [`report`]: one [`report::Report`] holding every fact; [`render`] lays it out per format
//!    and never computes.
//!
//! Beside the pipeline: [`explain`] and [`init`] (authoring), [`schema`] (the documented types
//! behind the JSON Schemas), [`date`] (calendar dates), [`output`] (atomic report files),
//! [`cli`] and [`app`] (the commands, writing only to the streams they are given), and
//! `fuzzing` (the entry points of the fuzz targets).
//!
//! The core (`score`, `gaps`, `report`, `render`) reads no files, clock or environment, and the
//! library prints nothing: the binary decides where text goes. The functions below are the
//! pipeline end to end: [`load_rules`], [`assess`], [`check`].

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod app;
pub mod cli;
pub mod date;
pub mod diagnostic;
pub mod explain;
#[doc(hidden)]
pub mod fuzzing;
pub mod gaps;
pub mod init;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod report;
pub mod schema;
pub mod score;
pub mod tree;
pub mod validate;

use std::path::{Path, PathBuf};

use diagnostic::{Diagnostic, SourceMap, codes};
use load::SourceFile;
use model::Catalog;
use report::Report;

/// Where input comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

/// Loaded rule sets, with their texts kept for diagnostics.
#[derive(Debug, Default)]
pub struct Rules {
    pub catalog: Catalog,
    pub sources: SourceMap,
    /// Problems found while loading (errors and warnings).
    pub diagnostics: Vec<Diagnostic>,
}

impl Rules {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads every rule set under `paths` (files, or directories whose `*.yaml`/`*.yml` files are
/// rule sets) into one catalog: read, parse, validate each, then check ids across all of them.
pub fn load_rules(paths: &[PathBuf], max_file_size: u64) -> Rules {
    let mut rules = Rules::default();
    let files = files_under(paths, &mut rules.diagnostics);
    let mut rulesets = Vec::new();
    for path in &files {
        let (file, root) = read_and_parse(
            &Input::File(path.clone()),
            max_file_size,
            &mut rules.diagnostics,
        );
        let Some(file) = file else { continue };
        rules.sources.insert(file.path.clone(), file.text.clone());
        let Some(root) = root else { continue };
        if let Some(r) = validate::ruleset(&file, &root, &mut rules.diagnostics) {
            rulesets.push(r);
        }
    }
    rules.catalog = validate::catalog(rulesets, &mut rules.diagnostics);
    if rules.catalog.rulesets.is_empty() && !rules.has_errors() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        rules.diagnostics.push(
            Diagnostic::error(
                codes::NO_RULESETS,
                format!("no rule set found in {}", shown.join(", ")),
            )
            .help("point --rules (or $READINESS_RULES) at a rule-set file or a directory of them"),
        );
    }
    rules
}

/// One assessment through the whole pipeline: read, parse, validate against the catalog, score,
/// report. The diagnostics come back either way (warnings accompany a report).
pub fn assess(input: &Input, catalog: &Catalog, max_file_size: u64) -> Assessed {
    let mut diagnostics = Vec::new();
    let (file, root) = read_and_parse(input, max_file_size, &mut diagnostics);
    let (Some(source), Some(root)) = (file.as_ref(), root) else {
        return Assessed {
            report: None,
            diagnostics,
            file,
        };
    };
    let assessment = validate::assessment(source, &root, catalog, &mut diagnostics);
    let report = assessment.as_ref().map(|a| report::build(catalog, a));
    Assessed {
        report,
        diagnostics,
        file,
    }
}

/// What [`assess`] gives back.
#[derive(Debug)]
pub struct Assessed {
    pub report: Option<Report>,
    pub diagnostics: Vec<Diagnostic>,
    /// The file as read, for quoting its lines in diagnostics.
    pub file: Option<SourceFile>,
}

/// What [`check`] found.
#[derive(Debug, Default)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: SourceMap,
    pub rulesets: usize,
    pub assessments: usize,
}

/// Checks rule sets and assessments together (`readiness validate`): files under `paths` with a
/// top-level `ruleset:` key are rule sets, the others assessments. When `paths` hold no rule
/// set, the assessments are checked against the rule sets under `default_rules`.
pub fn check(paths: &[PathBuf], default_rules: &[PathBuf], max_file_size: u64) -> Checked {
    let mut checked = Checked::default();
    let files = files_under(paths, &mut checked.diagnostics);
    // Pass 1: rule sets, found by a top-level `ruleset:` line and confirmed by parsing. Other
    // files are only remembered, so a large batch is never held in memory at once.
    let mut rulesets = Vec::new();
    let mut assessments = Vec::new();
    for path in files {
        let sniffed = std::fs::read_to_string(&path)
            .is_ok_and(|t| t.lines().any(|l| l.starts_with("ruleset:")));
        let input = Input::File(path);
        if !sniffed {
            assessments.push(input);
            continue;
        }
        let (file, root) = read_and_parse(&input, max_file_size, &mut checked.diagnostics);
        let Some(file) = file else { continue };
        checked.sources.insert(file.path.clone(), file.text.clone());
        match root {
            Some(root) if is_ruleset(&root) => {
                checked.rulesets += 1;
                rulesets.extend(validate::ruleset(&file, &root, &mut checked.diagnostics));
            }
            Some(_) => assessments.push(input),
            None => {}
        }
    }
    let catalog = if checked.rulesets == 0 && !assessments.is_empty() {
        let rules = load_rules(default_rules, max_file_size);
        checked.diagnostics.extend(rules.diagnostics);
        checked.sources.extend(rules.sources);
        rules.catalog
    } else {
        validate::catalog(rulesets, &mut checked.diagnostics)
    };
    // Pass 2: assessments one at a time; a file's text is kept only when it has something to
    // quote.
    for input in &assessments {
        let before = checked.diagnostics.len();
        let (file, root) = read_and_parse(input, max_file_size, &mut checked.diagnostics);
        let Some(file) = file else { continue };
        if let Some(root) = root {
            if is_ruleset(&root) {
                // A rule set written so that it escaped the first pass (flow style): checked
                // on its own.
                checked.rulesets += 1;
                validate::ruleset(&file, &root, &mut checked.diagnostics);
            } else {
                checked.assessments += 1;
                validate::assessment(&file, &root, &catalog, &mut checked.diagnostics);
            }
        }
        if checked.diagnostics.len() > before {
            checked.sources.insert(file.path.clone(), file.text.clone());
        }
    }
    checked
}

/// Files as given, and the `*.yaml`/`*.yml` files directly inside directories.
fn files_under(paths: &[PathBuf], diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            match load::yaml_files_in(path) {
                Ok(found) => files.extend(found),
                Err(d) => diagnostics.push(d),
            }
        } else {
            files.push(path.clone());
        }
    }
    files
}

fn is_ruleset(root: &tree::Node) -> bool {
    matches!(&root.value, tree::Value::Map(entries) if entries.iter().any(|(k, _)| k.scalar() == Some("ruleset")))
}

/// Expands command-line arguments into inputs: a file, every `*.yaml`/`*.yml` file directly in a
/// directory, or `-` for standard input.
pub fn expand_inputs(args: &[String]) -> (Vec<Input>, Vec<Diagnostic>) {
    let mut inputs = Vec::new();
    let mut diagnostics = Vec::new();
    for arg in args {
        if arg == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            match load::yaml_files_in(path) {
                Ok(files) => inputs.extend(files.into_iter().map(Input::File)),
                Err(d) => diagnostics.push(d),
            }
        } else {
            inputs.push(Input::File(path.to_path_buf()));
        }
    }
    (inputs, diagnostics)
}

/// Reads and parses one input. The file comes back whenever it could be read, so diagnostics
/// can quote it; the tree only when it parsed.
fn read_and_parse(
    input: &Input,
    max_file_size: u64,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<SourceFile>, Option<tree::Node>) {
    let read = match input {
        Input::File(path) => load::read_file(path, max_file_size),
        Input::Stdin => load::read_stdin(max_file_size),
    };
    let file = match read {
        Ok(f) => f,
        Err(d) => {
            diagnostics.push(d);
            return (None, None);
        }
    };
    let root = match load::parse(&file) {
        Ok(Some(root)) => Some(root),
        Ok(None) => {
            diagnostics.push(
                Diagnostic::error(
                    codes::EMPTY_FILE,
                    format!("{} holds no YAML document", file.path),
                )
                .in_file(file.path.clone())
                .help(
                    "the file is empty or holds only comments; run `readiness init` for a skeleton",
                ),
            );
            None
        }
        Err(ds) => {
            diagnostics.extend(ds);
            None
        }
    };
    (Some(file), root)
}
