//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use readiness::diagnostic::Diagnostic;
use readiness::model::{Assessment, Catalog};

/// The repository root (where `rules/` and `assessments/` are).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `readiness` binary built for these tests, run from the repository root.
pub fn readiness() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_readiness"));
    cmd.current_dir(root())
        .env_remove("READINESS_RULES")
        .env("NO_COLOR", "1");
    cmd
}

/// Runs the binary with `args`.
pub fn run(args: &[&str]) -> Output {
    readiness().args(args).output().expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Loads rule sets from YAML texts (named `<name>.yaml`), panicking on any error.
pub fn catalog(files: &[(&str, &str)]) -> Catalog {
    let (catalog, diags) = try_catalog(files);
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "rule sets have errors: {errors:#?}");
    catalog
}

/// Loads rule sets from YAML texts, returning the diagnostics.
pub fn try_catalog(files: &[(&str, &str)]) -> (Catalog, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut rulesets = Vec::new();
    for (name, text) in files {
        let file = readiness::load::from_bytes(
            Arc::from(format!("{name}.yaml")),
            text.as_bytes().to_vec(),
            u64::MAX,
        )
        .expect("readable");
        match readiness::load::parse(&file) {
            Ok(Some(root)) => {
                if let Some(r) = readiness::validate::ruleset(&file, &root, &mut diags) {
                    rulesets.push(r);
                }
            }
            Ok(None) => panic!("{name} is empty"),
            Err(ds) => diags.extend(ds),
        }
    }
    let catalog = readiness::validate::catalog(rulesets, &mut diags);
    (catalog, diags)
}

/// Reads an assessment from YAML text against `catalog`, panicking on any error.
pub fn assessment(catalog: &Catalog, text: &str) -> Assessment {
    let (a, diags) = try_assessment(catalog, text);
    a.unwrap_or_else(|| panic!("assessment has errors: {diags:#?}"))
}

/// Reads an assessment from YAML text, returning the diagnostics.
pub fn try_assessment(catalog: &Catalog, text: &str) -> (Option<Assessment>, Vec<Diagnostic>) {
    let file = readiness::load::from_bytes(
        Arc::from("assessment.yaml"),
        text.as_bytes().to_vec(),
        u64::MAX,
    )
    .expect("readable");
    let mut diags = Vec::new();
    let a = match readiness::load::parse(&file) {
        Ok(Some(root)) => readiness::validate::assessment(&file, &root, catalog, &mut diags),
        Ok(None) => None,
        Err(ds) => {
            diags.extend(ds);
            None
        }
    };
    (a, diags)
}

/// Every `*.yaml` file directly in `dir` (relative to the repository root), sorted.
pub fn yaml_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .expect("directory exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    files
}

/// A path relative to the repository root, as a string argument.
pub fn rel(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}
