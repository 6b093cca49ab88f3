//! The real binary on real files: exit statuses, stdout versus stderr, output files.

use std::fs;

use crate::common::{readiness, run, stderr, stdout};

const GEORGIA: &str = "assessments/georgia-2008.yaml";

#[test]
fn scores_a_shipped_assessment_with_exit_0() {
    let o = run(&["score", GEORGIA]);
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("Georgia — readiness as of 2008-12-31"),
        "{out}"
    );
    assert!(
        out.contains("== Intensified Dialogue membership benchmarks (intensified-dialogue 1.0) ==")
    );
    assert!(out.contains("How the numbers were made"));
    assert!(!out.contains('\u{1b}'), "no colour when piped");
    assert!(!stderr(&o).contains("error"), "{}", stderr(&o));
}

#[test]
fn fail_under_sets_exit_1_and_still_reports() {
    let o = run(&["score", GEORGIA, "--fail-under", "90"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("Georgia"));
    let o = run(&["score", GEORGIA, "--fail-under", "10"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["score"]).status.code(), Some(2));
    assert_eq!(
        run(&["score", GEORGIA, "--format", "pdf"]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("score"));
}

#[test]
fn a_missing_file_is_an_error_on_stderr_with_exit_2() {
    let o = run(&["score", "assessments/nowhere.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("error[read-failed]"), "{}", stderr(&o));
    assert!(stderr(&o).contains("assessments/nowhere.yaml"));
}

#[test]
fn reads_standard_input() {
    let text = fs::read(crate::common::root().join(GEORGIA)).unwrap();
    let mut child = readiness()
        .args(["score", "-", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &text).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["file"], "<stdin>");
    assert_eq!(json["country"], "Georgia");
}

#[test]
fn a_directory_gives_the_comparison_table() {
    let o = run(&["score", "assessments"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("country") && out.contains("verdict") && out.contains("coverage"));
    for country in ["Armenia", "Azerbaijan", "Georgia"] {
        assert!(out.contains(country), "{country} missing from\n{out}");
    }
    // One row per assessment and rule set, nothing else.
    assert_eq!(
        out.lines()
            .filter(|l| l.contains("2008-12-31") || l.contains("2006-09-21"))
            .count(),
        12
    );
}

#[test]
fn json_report_has_the_keys_consumers_rely_on() {
    let o = run(&["score", GEORGIA, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for key in ["country", "as_of", "engine", "rulesets"] {
        assert!(r.get(key).is_some(), "missing {key}");
    }
    let rs = &r["rulesets"][0];
    for key in [
        "id",
        "version",
        "sha256",
        "score",
        "band",
        "verdict",
        "reasons",
        "coverage",
        "benchmarks",
        "criteria",
        "gaps",
    ] {
        assert!(rs.get(key).is_some(), "missing rulesets[].{key}");
    }
    for key in [
        "id",
        "title",
        "weight",
        "score",
        "target",
        "coverage",
        "band",
        "min_score",
        "min_score_met",
    ] {
        assert!(
            rs["benchmarks"][0].get(key).is_some(),
            "missing benchmarks[].{key}"
        );
    }
    for key in [
        "id",
        "benchmark",
        "title",
        "required",
        "status",
        "level",
        "value",
        "score",
        "target",
        "gap",
        "points",
        "confidence",
        "stale",
        "evidence",
        "sources",
        "related",
    ] {
        assert!(
            rs["criteria"][0].get(key).is_some(),
            "missing criteria[].{key}"
        );
    }
    // The SHA-256 is of the rule-set file's bytes.
    use sha2::Digest;
    let bytes = fs::read(crate::common::root().join("rules/intensified-dialogue.yaml")).unwrap();
    let expected: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(rs["sha256"].as_str(), Some(expected.as_str()));
    // Percentages are numbers with at most two decimals.
    let score = rs["score"].to_string();
    assert!(
        score.split('.').nth(1).is_none_or(|d| d.len() <= 2),
        "{score}"
    );
}

#[test]
fn several_assessments_in_json_are_one_document() {
    let o = run(&[
        "score",
        "assessments/georgia-2006.yaml",
        GEORGIA,
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let reports = r["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["as_of"], "2006-09-21");
    assert_eq!(reports[1]["as_of"], "2008-12-31");
}

#[test]
fn jsonl_is_one_report_per_line() {
    let o = run(&["score", "assessments", "--format", "jsonl"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4);
    for line in lines {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(r["country"].is_string());
    }
}

#[test]
fn reports_are_byte_for_byte_deterministic() {
    for format in ["text", "json", "markdown", "csv"] {
        let a = run(&["score", "assessments", "--format", format, "--jobs", "2"]);
        let b = run(&["score", "assessments", "--format", format, "--jobs", "1"]);
        assert_eq!(a.stdout, b.stdout, "{format} differs between runs");
        assert!(!a.stdout.is_empty());
    }
}

#[test]
fn output_file_is_written_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    let o = run(&[
        "score",
        GEORGIA,
        "--format",
        "json",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let r: serde_json::Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    assert_eq!(r["country"], "Georgia");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left behind"
    );
}

#[test]
fn a_failed_run_leaves_the_earlier_report_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.txt");
    fs::write(&out, "earlier report\n").unwrap();
    let bad = dir.path().join("bad.yaml");
    fs::write(&bad, "country: Testland\nas_of: 2008-02-30\nratings: {}\n").unwrap();
    let o = run(&["score", bad.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&out).unwrap(), "earlier report\n");
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left behind: {names:?}");
}

#[test]
fn refuses_to_write_over_an_input_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("georgia.yaml");
    fs::copy(crate::common::root().join(GEORGIA), &input).unwrap();
    let before = fs::read(&input).unwrap();
    let o = run(&[
        "score",
        input.to_str().unwrap(),
        "-o",
        input.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("error[output-is-input]"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read(&input).unwrap(), before);
    // Nor over a rule-set file.
    let o = run(&["score", GEORGIA, "-o", "rules/ipap.yaml"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn markdown_batch_to_a_directory_writes_one_file_each_and_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let o = run(&[
        "score",
        "assessments",
        "--format",
        "markdown",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "armenia-2008.md",
            "azerbaijan-2008.md",
            "georgia-2006.md",
            "georgia-2008.md",
            "index.md"
        ]
    );
    let index = fs::read_to_string(out.join("index.md")).unwrap();
    assert!(index.contains("georgia-2008.md"), "{index}");
}

#[test]
fn rules_come_from_the_flag_then_the_environment() {
    // A rules directory without the IPAP rule set: the assessment rates IPAP criteria, so they
    // are unknown criteria and the run fails, proving which rules were read.
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        crate::common::root().join("rules/intensified-dialogue.yaml"),
        dir.path().join("id.yaml"),
    )
    .unwrap();
    let o = run(&["--rules", dir.path().to_str().unwrap(), "score", GEORGIA]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("error[unknown-ruleset]")
            || stderr(&o).contains("error[unknown-criterion]")
    );
    let o = readiness()
        .env("READINESS_RULES", dir.path())
        .args(["score", GEORGIA])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = readiness()
        .env("READINESS_RULES", "rules")
        .args(["score", GEORGIA])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn colour_only_when_asked_for_and_never_with_no_color() {
    let o = readiness()
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .args(["score", GEORGIA])
        .output()
        .unwrap();
    assert!(stdout(&o).contains('\u{1b}'), "CLICOLOR_FORCE gives colour");
    let o = readiness()
        .env("NO_COLOR", "1")
        .args(["score", GEORGIA])
        .output()
        .unwrap();
    assert!(!stdout(&o).contains('\u{1b}'));
}

#[test]
fn a_batch_with_an_invalid_file_reports_the_valid_ones_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    fs::write(
        &bad,
        "country: Testland\nas_of: 2008-01-01\nratings:\n  ID-1.2: {level: 9}\n",
    )
    .unwrap();
    let o = run(&[
        "score",
        "assessments",
        bad.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o).lines().count(), 4, "the four valid reports");
    assert!(
        stderr(&o).contains("error[level-off-scale]"),
        "{}",
        stderr(&o)
    );
    // With -o, nothing is written at all.
    let out = dir.path().join("out.jsonl");
    let o = run(&[
        "score",
        "assessments",
        bad.to_str().unwrap(),
        "--format",
        "jsonl",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists());
}
