//! Authoring: `validate`, `init`, `explain`, `schema`, `completions`.

use std::fs;
use std::sync::Arc;

use readiness::schema::Kind;

use crate::common::{root, run, stderr, stdout, yaml_files};

#[test]
fn committed_schemas_equal_the_generated_ones() {
    for kind in Kind::ALL {
        let path = root().join("schemas").join(kind.file_name());
        let committed = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == readiness::schema::schema(kind),
            "{} is out of date: run `cargo run -- schema {kind:?} > {}` (lowercase kind)",
            path.display(),
            path.display()
        );
        // The command prints the same text.
        let o = run(&["schema", &format!("{kind:?}").to_lowercase()]);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(stdout(&o), committed);
    }
}

fn validator(kind: Kind) -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&readiness::schema::schema(kind)).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

fn as_json(path: &std::path::Path) -> serde_json::Value {
    let file = readiness::load::read_file(path, u64::MAX).unwrap();
    readiness::load::parse(&file).unwrap().unwrap().to_json()
}

#[test]
fn every_shipped_file_has_a_modeline_and_validates_against_its_schema() {
    for (dir, kind) in [("rules", Kind::Ruleset), ("assessments", Kind::Assessment)] {
        let v = validator(kind);
        for file in yaml_files(dir) {
            let text = fs::read_to_string(&file).unwrap();
            let first = text.lines().next().unwrap_or_default();
            assert_eq!(
                first,
                format!(
                    "# yaml-language-server: $schema=../schemas/{}",
                    kind.file_name()
                ),
                "{}",
                file.display()
            );
            let errors: Vec<String> = v
                .iter_errors(&as_json(&file))
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
        }
    }
}

#[test]
fn the_schemas_reject_broken_files() {
    let broken = |text: &str| {
        let f =
            readiness::load::from_bytes(Arc::from("x.yaml"), text.as_bytes().to_vec(), u64::MAX)
                .unwrap();
        readiness::load::parse(&f).unwrap().unwrap().to_json()
    };
    let v = validator(Kind::Assessment);
    // A misspelt key, a level that is a list, a rating with two values, no `ratings`.
    for bad in [
        "country: X\nas_of: 2008-01-01\nratings:\n  ID-1.1:\n    levle: 2\n",
        "country: X\nas_of: 2008-01-01\nratings:\n  ID-1.1:\n    level: [2]\n",
        "country: X\nas_of: 2008-01-01\nratings:\n  ID-1.1:\n    level: 2\n    value: 1.5\n",
        "country: X\nas_of: 2008-01-01\n",
    ] {
        assert!(!v.is_valid(&broken(bad)), "accepted:\n{bad}");
    }
    assert!(v.is_valid(&broken(
        "country: X\nas_of: 2008-01-01\nratings:\n  ID-1.1:\n    level: 2\n"
    )));
    let v = validator(Kind::Ruleset);
    for bad in [
        "ruleset: x\ntitle: X\nversion: '1'\nbenchmarks: []\n",
        "ruleset: X Y\ntitle: X\nversion: '1'\nbenchmarks:\n  - id: B\n    title: B\n    criteria: [{id: C, title: C}]\n",
        "ruleset: x\ntitle: X\nversion: '1'\nbenchmarks:\n  - id: B\n    title: B\n    wieght: 2\n    criteria: [{id: C, title: C}]\n",
        "ruleset: x\ntitle: X\nversion: '1'\nready_at: 150\nbenchmarks:\n  - id: B\n    title: B\n    criteria: [{id: C, title: C}]\n",
    ] {
        assert!(!v.is_valid(&broken(bad)), "accepted:\n{bad}");
    }
}

#[test]
fn the_report_schema_describes_the_json_report() {
    let v = validator(Kind::Report);
    let o = run(&["score", "assessments/georgia-2008.yaml", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let errors: Vec<String> = v
        .iter_errors(&report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn validate_checks_the_shipped_files_with_exit_0() {
    let o = run(&["validate"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("checked 3 rule sets and 4 assessments: 0 errors"),
        "{err}"
    );
    // The deliberate stale ratings of the Armenia example are warnings with their place.
    assert!(err.contains("warning[stale-rating]"), "{err}");
    assert!(err.contains("assessments/armenia-2008.yaml:"), "{err}");
}

#[test]
fn validate_reports_every_problem_of_every_file_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.yaml");
    fs::write(
        &a,
        "country: Testland\n\
         as_of: 2008-02-30\n\
         ratings:\n\
         \x20 ID-1.2:\n\
         \x20   level: 7\n\
         \x20   evidense: Observed.\n\
         \x20 ID-9.9:\n\
         \x20   level: 2\n\
         \x20 ID-1.3:\n\
         \x20   level: [2]\n",
    )
    .unwrap();
    let b = dir.path().join("b.yaml");
    fs::write(
        &b,
        "country: Otherland\nas_of: 2008-01-01\nratings:\n  ID-1.2: {level: 2, confidence: sure}\n",
    )
    .unwrap();
    let o = run(&["validate", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let a_name = a.display().to_string();
    for (code, line) in [
        ("invalid-date", 2),
        ("level-off-scale", 5),
        ("unknown-key", 6),
        ("unknown-criterion", 7),
        ("wrong-type", 10),
    ] {
        assert!(
            err.contains(&format!("error[{code}]")),
            "{code} missing:\n{err}"
        );
        assert!(
            err.contains(&format!("{a_name}:{line}:")),
            "line {line} missing:\n{err}"
        );
    }
    assert!(err.contains("help: did you mean `evidence`?"), "{err}");
    assert!(
        err.contains("error[invalid-value]"),
        "the second file's problem too:\n{err}"
    );
    assert!(err.contains(&format!("{}:4:", b.display())), "{err}");
    assert_eq!(err.matches("error[").count(), 6, "{err}");
}

#[test]
fn init_then_validate_then_score() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.yaml");
    let path = new.to_str().unwrap();
    let o = run(&["init", "--country", "Testland", "-o", path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = fs::read_to_string(&new).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema="),
        "{text}"
    );
    assert!(text.contains("country: Testland"));
    assert!(text.contains("rulesets: [intensified-dialogue, ipap, pfp-commitments]"));
    // Every criterion is there, with its guidance.
    let rules = readiness::load_rules(&[root().join("rules")], u64::MAX);
    for r in &rules.catalog.rulesets {
        for c in r.benchmarks.iter().flat_map(|b| &b.criteria) {
            assert!(
                text.contains(&format!("  # {}:\n", c.id)),
                "{} missing",
                c.id
            );
            for g in c.guidance.values() {
                let first_words: String =
                    g.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
                assert!(text.contains(&first_words), "guidance of {} missing", c.id);
            }
        }
    }
    let o = run(&["validate", path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["score", path, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for rs in r["rulesets"].as_array().unwrap() {
        assert_eq!(rs["verdict"], "insufficient-evidence");
        assert_eq!(rs["score"], serde_json::Value::Null);
    }
    // Never over an existing file without --force.
    fs::write(&new, "precious\n").unwrap();
    let o = run(&["init", "--country", "Testland", "-o", path]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&new).unwrap(), "precious\n");
    let o = run(&[
        "init",
        "--country",
        "Testland",
        "--ruleset",
        "ipap",
        "-o",
        path,
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let text = fs::read_to_string(&new).unwrap();
    assert!(text.contains("rulesets: [ipap]") && !text.contains("ID-1.1"));
    // An unknown rule set is named, with a suggestion.
    let o = run(&["init", "--country", "Testland", "--ruleset", "ipa"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `ipap`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_filled_in_skeleton_scores() {
    // Uncommenting one block of the skeleton gives a valid rating.
    let o = run(&[
        "init",
        "--country",
        "Testland",
        "--ruleset",
        "pfp-commitments",
        "--as-of",
        "2008-01-01",
    ]);
    let text = stdout(&o);
    let filled = text
        .replace("  # PFP-1.1:\n  #   level:", "  PFP-1.1:\n    level: 3")
        .replacen("  #   evidence: \n", "    evidence: Observed.\n", 1);
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("f.yaml");
    fs::write(&f, &filled).unwrap();
    let o = run(&["score", f.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}\n{filled}", stderr(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["as_of"], "2008-01-01");
    let c = &r["rulesets"][0]["criteria"][0];
    assert_eq!(
        (c["id"].as_str(), c["level"].as_i64()),
        (Some("PFP-1.1"), Some(3))
    );
}

#[test]
fn explain_a_criterion_in_every_format() {
    let o = run(&["explain", "ID-3.1"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for needle in [
        "criterion ID-3.1",
        "Target level:     3",
        "Weight:           2",
        "Effective weight: 8.0%",
        "Required:         yes",
        "Guidance",
        "Remediation",
        "[nato-caucasus] Partners in the southern Caucasus, NATO, 2007",
        "IPAP-1.5 Peaceful settlement of conflicts (ipap)",
    ] {
        assert!(out.contains(needle), "{needle} missing:\n{out}");
    }
    let o = run(&["explain", "ID-4.1", "--format", "json"]);
    let e: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(e["measure"], "indicator");
    assert_eq!(e["indicator"]["unit"], "% of GDP");
    assert_eq!(e["indicator"]["direction"], "higher is better");
    let o = run(&["explain", "ID-1.1", "--format", "json"]);
    let e: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(e["indicator"]["direction"], "lower is better");
    let o = run(&["explain", "ipap", "--format", "markdown"]);
    let md = stdout(&o);
    assert!(md.starts_with("# ruleset `ipap`"), "{md}");
    assert!(md.contains("| `IPAP-1` |"), "{md}");
}

#[test]
fn explain_an_unknown_id_suggests_the_closest() {
    let o = run(&["explain", "IPAP-15"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("error[unknown-id]"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("did you mean `IPAP-1.5`?"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let out = stdout(&o);
        assert!(
            out.contains("readiness") && out.contains("explain"),
            "{shell}"
        );
    }
}
