//! Nothing lost, nothing half-written: broken pipes, inputs left untouched, fuzz findings replayed.

use std::io::Read;
use std::process::Stdio;

use crate::common::{readiness, root, run, stderr};

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    // Forty reports are far more than a pipe buffer holds, so the writer meets the closed pipe.
    let mut args = vec!["score".to_owned(), "--format".into(), "jsonl".into()];
    args.extend(std::iter::repeat_n("assessments".to_owned(), 10));
    let mut child = readiness()
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0_u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        !err.contains("error"),
        "a closed pipe is not an error worth printing: {err}"
    );
    assert_eq!(status.code(), Some(0));
}

#[test]
fn inputs_are_never_modified() {
    let files: Vec<_> = ["rules", "assessments"]
        .iter()
        .flat_map(|d| crate::common::yaml_files(d))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    for format in ["text", "json", "markdown", "csv", "html"] {
        let out = dir.path().join(format!("out-{format}"));
        let o = run(&[
            "score",
            "assessments",
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
    }
    assert_eq!(run(&["validate"]).status.code(), Some(0));
    for (path, before) in files {
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "{} changed",
            path.display()
        );
    }
}

/// Every input a fuzzer ever crashed on is kept under `fuzz/regressions/<target>/` and replayed
/// here, together with the seed files, through the same entry points the fuzz targets use.
#[test]
fn fuzz_regressions_replay_without_panic() {
    let mut replayed = 0;
    for (target, seeds) in [
        ("ruleset", "rules"),
        ("assessment", "assessments"),
        ("score_render", "assessments"),
    ] {
        let mut inputs: Vec<std::path::PathBuf> = crate::common::yaml_files(seeds);
        if let Ok(entries) = std::fs::read_dir(root().join("fuzz/regressions").join(target)) {
            inputs.extend(entries.filter_map(Result::ok).map(|e| e.path()));
        }
        for input in inputs {
            let data = std::fs::read(&input).unwrap();
            match target {
                "ruleset" => readiness::fuzzing::ruleset(&data),
                "assessment" => readiness::fuzzing::assessment(&data, false),
                _ => readiness::fuzzing::assessment(&data, true),
            }
            replayed += 1;
        }
    }
    assert!(replayed >= 11, "the seeds at least");
}

/// Found by the `ruleset` fuzz target: a 13 KB file of lone carriage returns and `?` keys holds
/// 2,904 duplicate keys, and quoting the whole file for each took seconds and 2.4 MB of output.
/// Now a file shows at most 50 problems and counts the rest, each quoting only its own lines.
#[test]
fn thousands_of_problems_in_one_file_stay_readable() {
    let path = root().join("fuzz/regressions/ruleset/slow-many-duplicate-keys");
    let o = run(&[
        "--rules",
        path.to_str().unwrap(),
        "validate",
        path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(!err.contains("panicked"));
    assert_eq!(
        err.matches("error[").count(),
        50,
        "at most 50 shown per file"
    );
    assert!(
        err.contains("2854 more problems in"),
        "{}",
        &err[err.len().saturating_sub(400)..]
    );
    assert!(err.len() < 200_000, "{} bytes of diagnostics", err.len());
}
