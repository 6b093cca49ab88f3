//! Every report format of every shipped assessment, snapshotted with insta. A change to a
//! report shows up here as a diff to review.

use crate::common::{rel, run, stderr, stdout, yaml_files};

const FORMATS: &[&str] = &["text", "markdown", "json", "jsonl", "csv"];

#[test]
fn every_format_of_every_shipped_assessment() {
    let files = yaml_files("assessments");
    assert!(files.len() >= 4, "the four shipped assessments");
    for file in files {
        let path = rel(&file);
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        for format in FORMATS {
            let o = run(&["score", &path, "--format", format]);
            assert_eq!(
                o.status.code(),
                Some(0),
                "{path} as {format}: {}",
                stderr(&o)
            );
            insta::assert_snapshot!(format!("{stem}.{format}"), stdout(&o));
        }
    }
}

#[test]
fn the_comparison_table_of_all_shipped_assessments() {
    let o = run(&["score", "assessments"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("comparison.text", stdout(&o));
}

#[test]
fn shipped_files_load_without_errors_or_warnings() {
    // Rule sets: no diagnostics at all.
    let rules = readiness::load_rules(&[crate::common::root().join("rules")], u64::MAX);
    assert!(rules.diagnostics.is_empty(), "{:#?}", rules.diagnostics);
    assert_eq!(rules.catalog.rulesets.len(), 3);
    // Assessments: each scores every shipped rule set, with nothing but the deliberate stale flags.
    for file in yaml_files("assessments") {
        let assessed = readiness::assess(
            &readiness::Input::File(file.clone()),
            &rules.catalog,
            u64::MAX,
        );
        let report = assessed
            .report
            .unwrap_or_else(|| panic!("{}: {:#?}", file.display(), assessed.diagnostics));
        assert_eq!(report.rulesets.len(), 3, "{}", file.display());
        let unexpected: Vec<_> = assessed
            .diagnostics
            .iter()
            .filter(|d| d.code != "stale-rating")
            .collect();
        assert!(unexpected.is_empty(), "{}: {unexpected:#?}", file.display());
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.contains("llustrative example data"),
            "{} must say it is illustrative",
            file.display()
        );
    }
}
