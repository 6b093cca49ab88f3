//! One test per validity rule of SPEC sections 3 and 4, and per kind of bad input of section 11.
//!
//! Each scenario is a folder `tests/cases/<case>/` (its first line says what is wrong). A test
//! runs the real binary on it, then checks the exit status, the code and `path:line:col` of every
//! diagnostic in order, that nothing panicked, and snapshots the whole of stderr: the snapshot is
//! what an analyst reads, so review it as one.
//!
//! Files that an editor or git could silently change (a byte-order mark, CRLF line ends, bytes
//! that are not UTF-8) and large generated inputs are written to a temporary folder instead.

use std::collections::HashSet;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use crate::common::{readiness, root, run, stderr};

/// Which rule sets a case is scored against.
#[derive(Clone, Copy)]
enum Rules {
    /// The case's own `rules/` folder (rule-set cases).
    Own,
    /// The shipped `rules/` (assessment cases).
    Shipped,
}

use Rules::{Own, Shipped};

/// Scores `tests/cases/<case>/assessment.yaml` and checks the run: exit `status`, and exactly the
/// diagnostics `expected`, in order, each as its header (`error[code]`) and its place relative to
/// the case folder (`assessment.yaml:7:12`, `rules/test.yaml:5:1`). Returns stderr, for checks
/// beyond the first place of each diagnostic.
fn case(name: &str, rules: Rules, status: i32, expected: &[(&str, &str)]) -> String {
    let dir = format!("tests/cases/{name}");
    let assessment = format!("{dir}/assessment.yaml");
    let own = format!("{dir}/rules");
    let mut args = Vec::new();
    if let Own = rules {
        args.extend(["--rules", own.as_str()]);
    }
    args.extend(["score", assessment.as_str()]);
    let out = run(&args);
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(code, place)| (code.to_string(), format!("{dir}/{place}")))
        .collect();
    check(name, &args, &out, status, &expected, None)
}

/// Checks one run and snapshots its stderr under `name`. `tmp`, when given, is a temporary
/// folder whose path is replaced by `[tmp]` so the snapshot is stable.
fn check(
    name: &str,
    args: &[&str],
    out: &Output,
    status: i32,
    expected: &[(String, String)],
    tmp: Option<&Path>,
) -> String {
    let mut err = stderr(out);
    if let Some(tmp) = tmp {
        err = err.replace(&tmp.display().to_string(), "[tmp]");
    }
    assert!(!err.contains("panicked"), "{name}: {err}");
    assert_eq!(out.status.code(), Some(status), "{name}: {err}");
    assert_eq!(diagnostics(&err), expected, "{name}: {err}");
    let command = format!("readiness {}", args.join(" "));
    let command = match tmp {
        Some(tmp) => command.replace(&tmp.display().to_string(), "[tmp]"),
        None => command,
    };
    insta::with_settings!({ description => command, omit_expression => true }, {
        insta::assert_snapshot!(name, err);
    });
    err
}

/// The header and the first place of every diagnostic in rendered stderr:
/// `("error[unknown-key]", "tests/cases/x/assessment.yaml:5:1")`.
fn diagnostics(err: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = err.lines();
    while let Some(line) = lines.next() {
        if !(line.starts_with("error[") || line.starts_with("warning[")) {
            continue;
        }
        let header = line.split(':').next().unwrap_or(line).to_owned();
        let place = lines
            .next()
            .and_then(|l| l.trim_start().strip_prefix("--> "))
            .unwrap_or("(no place)")
            .to_owned();
        out.push((header, place));
    }
    out
}

/// Where the note `first defined here` of a duplicate points.
fn first_defined_at(err: &str) -> Option<&str> {
    let mut lines = err.lines().skip_while(|l| *l != "note: first defined here");
    lines.next()?;
    lines.next()?.trim_start().strip_prefix("--> ")
}

// ---- Rule sets (SPEC section 3) -------------------------------------------------------------

#[test]
fn ruleset_missing_keys() {
    case(
        "ruleset-missing-keys",
        Own,
        2,
        &[
            ("error[missing-key]", "rules/test.yaml:2:1"),
            ("error[missing-key]", "rules/test.yaml:5:5"),
            ("error[missing-key]", "rules/test.yaml:7:9"),
        ],
    );
}

#[test]
fn ruleset_no_benchmarks() {
    case(
        "ruleset-no-benchmarks",
        Own,
        2,
        &[("error[missing-key]", "rules/test.yaml:5:13")],
    );
}

#[test]
fn benchmark_no_criteria() {
    case(
        "benchmark-no-criteria",
        Own,
        2,
        &[("error[missing-key]", "rules/test.yaml:8:15")],
    );
}

#[test]
fn ruleset_id_invalid() {
    case(
        "ruleset-id-invalid",
        Own,
        2,
        &[("error[invalid-id]", "rules/test.yaml:2:10")],
    );
}

#[test]
fn item_id_invalid() {
    case(
        "item-id-invalid",
        Own,
        2,
        &[("error[invalid-id]", "rules/test.yaml:12:13")],
    );
}

#[test]
fn duplicate_id_across_files() {
    let err = case(
        "duplicate-id-across-files",
        Own,
        2,
        &[("error[duplicate-id]", "rules/b.yaml:9:13")],
    );
    assert_eq!(
        first_defined_at(&err),
        Some("tests/cases/duplicate-id-across-files/rules/a.yaml:15:13"),
        "both places are named: {err}"
    );
}

#[test]
fn duplicate_ruleset_id() {
    let err = case(
        "duplicate-ruleset-id",
        Own,
        2,
        &[("error[duplicate-id]", "rules/b.yaml:2:10")],
    );
    assert_eq!(
        first_defined_at(&err),
        Some("tests/cases/duplicate-ruleset-id/rules/a.yaml:2:10"),
        "both places are named: {err}"
    );
}

#[test]
fn duplicate_id_in_file() {
    let err = case(
        "duplicate-id-in-file",
        Own,
        2,
        &[("error[duplicate-id]", "rules/test.yaml:21:13")],
    );
    assert_eq!(
        first_defined_at(&err),
        Some("tests/cases/duplicate-id-in-file/rules/test.yaml:12:13"),
        "both places are named: {err}"
    );
}

#[test]
fn duplicate_source_id() {
    let err = case(
        "duplicate-source-id",
        Own,
        2,
        &[("error[duplicate-id]", "rules/test.yaml:8:9")],
    );
    assert_eq!(
        first_defined_at(&err),
        Some("tests/cases/duplicate-source-id/rules/test.yaml:6:9"),
        "both places are named: {err}"
    );
}

#[test]
fn scale_min_not_below_max() {
    case(
        "scale-min-not-below-max",
        Own,
        2,
        &[("error[invalid-scale]", "rules/test.yaml:5:8")],
    );
}

#[test]
fn scale_not_integer() {
    case(
        "scale-not-integer",
        Own,
        2,
        &[("error[invalid-number]", "rules/test.yaml:5:23")],
    );
}

#[test]
fn scale_label_off_scale() {
    case(
        "scale-label-off-scale",
        Own,
        2,
        &[("error[invalid-scale]", "rules/test.yaml:11:5")],
    );
}

#[test]
fn target_off_scale() {
    case(
        "target-off-scale",
        Own,
        2,
        &[("error[target-off-scale]", "rules/test.yaml:5:9")],
    );
}

#[test]
fn criterion_target_off_scale() {
    case(
        "criterion-target-off-scale",
        Own,
        2,
        &[("error[target-off-scale]", "rules/test.yaml:15:17")],
    );
}

#[test]
fn weight_not_positive() {
    case(
        "weight-not-positive",
        Own,
        2,
        &[
            ("error[weight-not-positive]", "rules/test.yaml:11:13"),
            ("error[weight-not-positive]", "rules/test.yaml:16:17"),
        ],
    );
}

#[test]
fn percent_out_of_range() {
    case(
        "percent-out-of-range",
        Own,
        2,
        &[
            ("error[percent-out-of-range]", "rules/test.yaml:5:11"),
            ("error[percent-out-of-range]", "rules/test.yaml:6:15"),
            ("error[percent-out-of-range]", "rules/test.yaml:9:13"),
            ("error[percent-out-of-range]", "rules/test.yaml:16:16"),
        ],
    );
}

#[test]
fn bands_first_not_zero() {
    case(
        "bands-first-not-zero",
        Own,
        2,
        &[("error[bands-not-ascending]", "rules/test.yaml:6:13")],
    );
}

#[test]
fn bands_not_ascending() {
    case(
        "bands-not-ascending",
        Own,
        2,
        &[("error[bands-not-ascending]", "rules/test.yaml:8:13")],
    );
}

#[test]
fn indicator_floor_equals_target() {
    case(
        "indicator-floor-equals-target",
        Own,
        2,
        &[(
            "error[indicator-floor-equals-target]",
            "rules/test.yaml:17:60",
        )],
    );
}

#[test]
fn indicator_with_level_target() {
    case(
        "indicator-with-level-target",
        Own,
        2,
        &[("error[indicator-with-level-keys]", "rules/test.yaml:17:9")],
    );
}

#[test]
fn unknown_source() {
    case(
        "unknown-source",
        Own,
        2,
        &[
            ("error[unknown-source]", "rules/test.yaml:14:19"),
            ("error[unknown-source]", "rules/test.yaml:14:27"),
        ],
    );
}

#[test]
fn ruleset_unknown_key() {
    case(
        "ruleset-unknown-key",
        Own,
        2,
        &[
            ("error[unknown-key]", "rules/test.yaml:5:1"),
            ("error[unknown-key]", "rules/test.yaml:16:9"),
        ],
    );
}

#[test]
fn aggregation_invalid() {
    case(
        "aggregation-invalid",
        Own,
        2,
        &[("error[invalid-value]", "rules/test.yaml:5:14")],
    );
}

#[test]
fn unresolved_related_is_a_warning() {
    case(
        "unresolved-related",
        Own,
        0,
        &[("warning[unresolved-related]", "rules/test.yaml:12:13")],
    );
}

// ---- Assessments (SPEC section 4), against the shipped rule sets ----------------------------

#[test]
fn assessment_missing_keys() {
    case(
        "assessment-missing-keys",
        Shipped,
        2,
        &[
            ("error[missing-key]", "assessment.yaml:2:1"),
            ("error[missing-key]", "assessment.yaml:2:1"),
        ],
    );
}

#[test]
fn as_of_not_a_date() {
    case(
        "as-of-not-a-date",
        Shipped,
        2,
        &[("error[invalid-date]", "assessment.yaml:3:8")],
    );
}

#[test]
fn no_ruleset_selected() {
    case(
        "no-ruleset-selected",
        Shipped,
        2,
        &[("error[no-ruleset-selected]", "assessment.yaml:4:1")],
    );
}

#[test]
fn unknown_ruleset() {
    case(
        "unknown-ruleset",
        Shipped,
        2,
        &[("error[unknown-ruleset]", "assessment.yaml:4:12")],
    );
}

#[test]
fn rating_two_kinds() {
    case(
        "rating-two-kinds",
        Shipped,
        2,
        &[("error[rating-shape]", "assessment.yaml:8:5")],
    );
}

#[test]
fn rating_no_kind() {
    case(
        "rating-no-kind",
        Shipped,
        2,
        &[("error[rating-shape]", "assessment.yaml:7:5")],
    );
}

#[test]
fn rating_kind_mismatch() {
    case(
        "rating-kind-mismatch",
        Shipped,
        2,
        &[
            ("error[rating-kind]", "assessment.yaml:7:12"),
            ("error[rating-kind]", "assessment.yaml:10:12"),
        ],
    );
}

#[test]
fn level_fractional() {
    case(
        "level-fractional",
        Shipped,
        2,
        &[("error[invalid-number]", "assessment.yaml:7:12")],
    );
}

#[test]
fn number_quoted() {
    case(
        "number-quoted",
        Shipped,
        2,
        &[("error[wrong-type]", "assessment.yaml:7:12")],
    );
}

#[test]
fn level_off_scale() {
    case(
        "level-off-scale",
        Shipped,
        2,
        &[("error[level-off-scale]", "assessment.yaml:7:12")],
    );
}

#[test]
fn value_not_finite() {
    case(
        "value-not-finite",
        Shipped,
        2,
        &[
            ("error[invalid-number]", "assessment.yaml:7:12"),
            ("error[invalid-number]", "assessment.yaml:10:12"),
        ],
    );
}

#[test]
fn value_out_of_range() {
    case(
        "value-out-of-range",
        Shipped,
        2,
        &[
            ("error[invalid-number]", "assessment.yaml:7:12"),
            ("error[invalid-number]", "assessment.yaml:10:12"),
        ],
    );
}

#[test]
fn not_applicable_empty() {
    case(
        "not-applicable-empty",
        Shipped,
        2,
        &[("error[invalid-value]", "assessment.yaml:7:21")],
    );
}

#[test]
fn unknown_criterion() {
    case(
        "unknown-criterion",
        Shipped,
        2,
        &[("error[unknown-criterion]", "assessment.yaml:6:3")],
    );
}

#[test]
fn criterion_not_selected() {
    case(
        "criterion-not-selected",
        Shipped,
        2,
        &[("error[unknown-criterion]", "assessment.yaml:6:3")],
    );
}

#[test]
fn rating_unknown_key() {
    case(
        "rating-unknown-key",
        Shipped,
        2,
        &[("error[unknown-key]", "assessment.yaml:8:5")],
    );
}

#[test]
fn wrong_type() {
    case(
        "wrong-type",
        Shipped,
        2,
        &[
            ("error[wrong-type]", "assessment.yaml:2:10"),
            ("error[wrong-type]", "assessment.yaml:7:12"),
        ],
    );
}

#[test]
fn confidence_invalid() {
    case(
        "confidence-invalid",
        Shipped,
        2,
        &[("error[invalid-value]", "assessment.yaml:9:17")],
    );
}

#[test]
fn waiver_no_justification() {
    case(
        "waiver-no-justification",
        Shipped,
        2,
        &[("error[missing-key]", "assessment.yaml:11:5")],
    );
}

#[test]
fn a_rating_without_evidence_is_a_warning() {
    case(
        "unsupported-rating",
        Shipped,
        0,
        &[("warning[unsupported-rating]", "assessment.yaml:6:3")],
    );
}

#[test]
fn a_stale_rating_is_a_warning() {
    case(
        "stale-rating",
        Shipped,
        0,
        &[("warning[stale-rating]", "assessment.yaml:9:12")],
    );
}

#[test]
fn an_expired_waiver_is_a_warning() {
    case(
        "expired-waiver",
        Shipped,
        0,
        &[("warning[expired-waiver]", "assessment.yaml:12:14")],
    );
}

#[test]
fn five_mistakes_in_one_file_are_five_diagnostics_in_one_run() {
    // An unknown key, a level off the scale, an unknown criterion id, a day that does not exist
    // and a list where text belongs: every one reported, each at its own line, in file order.
    case(
        "five-mistakes",
        Shipped,
        2,
        &[
            ("error[invalid-date]", "assessment.yaml:3:8"),
            ("error[unknown-key]", "assessment.yaml:5:1"),
            ("error[level-off-scale]", "assessment.yaml:8:12"),
            ("error[unknown-criterion]", "assessment.yaml:10:3"),
            ("error[wrong-type]", "assessment.yaml:15:15"),
        ],
    );
}

// ---- Bad input (SPEC section 11) ------------------------------------------------------------

#[test]
fn malformed_yaml() {
    case(
        "malformed-yaml",
        Shipped,
        2,
        &[("error[yaml-syntax]", "assessment.yaml:5:8")],
    );
}

#[test]
fn tabs() {
    case(
        "tabs",
        Shipped,
        2,
        &[("error[yaml-syntax]", "assessment.yaml:7:1")],
    );
}

#[test]
fn duplicate_key_names_both_places() {
    let err = case(
        "duplicate-key",
        Shipped,
        2,
        &[("error[duplicate-key]", "assessment.yaml:12:3")],
    );
    assert_eq!(
        first_defined_at(&err),
        Some("tests/cases/duplicate-key/assessment.yaml:6:3"),
        "both places are named: {err}"
    );
}

#[test]
fn empty_file() {
    case(
        "empty-file",
        Shipped,
        2,
        &[("error[empty-file]", "assessment.yaml")],
    );
}

#[test]
fn comment_only_file() {
    case(
        "comment-only",
        Shipped,
        2,
        &[("error[empty-file]", "assessment.yaml")],
    );
}

#[test]
fn multiple_documents() {
    case(
        "multiple-documents",
        Shipped,
        2,
        &[("error[multiple-documents]", "assessment.yaml:9:1")],
    );
}

#[test]
fn deep_nesting() {
    case(
        "deep-nesting",
        Shipped,
        2,
        &[("error[too-complex]", "assessment.yaml:2:73")],
    );
}

#[test]
fn alias_bomb_answers_quickly() {
    let start = Instant::now();
    case(
        "alias-bomb",
        Shipped,
        2,
        &[("error[too-complex]", "assessment.yaml:10:10")],
    );
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "an alias bomb took {:?}",
        start.elapsed()
    );
}

#[test]
fn file_too_large() {
    let args = [
        "--max-file-size",
        "512",
        "--rules",
        "tests/cases/file-too-large/rules",
        "score",
        "tests/cases/file-too-large/assessment.yaml",
    ];
    let out = run(&args);
    let expected = [(
        "error[file-too-large]".to_owned(),
        "tests/cases/file-too-large/assessment.yaml".to_owned(),
    )];
    check("file-too-large", &args, &out, 2, &expected, None);
}

#[test]
fn missing_file() {
    let args = ["score", "tests/cases/no-such-case/assessment.yaml"];
    let out = run(&args);
    let expected = [(
        "error[read-failed]".to_owned(),
        "tests/cases/no-such-case/assessment.yaml".to_owned(),
    )];
    check("missing-file", &args, &out, 2, &expected, None);
}

#[test]
fn directory_without_yaml() {
    let args = ["score", "tests/cases/no-yaml-files/assessments"];
    let out = run(&args);
    let expected = [(
        "error[no-yaml-files]".to_owned(),
        "tests/cases/no-yaml-files/assessments".to_owned(),
    )];
    check("no-yaml-files", &args, &out, 2, &expected, None);
}

// ---- Generated files: encodings, line ends, large inputs ------------------------------------

/// A valid assessment of one criterion of the shipped ID rule set, as lines.
const VALID: &[&str] = &[
    "country: Georgia",
    "as_of: 2008-12-31",
    "rulesets: [intensified-dialogue]",
    "ratings:",
    "  ID-1.2:",
    "    level: 2",
    "    evidence: Elections held.",
];

/// Writes `bytes` to `<tmp>/<name>` and scores it against the shipped rule sets.
fn score_bytes(tmp: &Path, name: &str, bytes: &[u8]) -> Output {
    let path = tmp.join(name);
    std::fs::write(&path, bytes).expect("write the generated file");
    readiness()
        .arg("score")
        .arg(&path)
        .output()
        .expect("the binary runs")
}

/// Checks a run on a generated file: each place is `[tmp]/<name>:<line>:<col>`.
fn check_generated(tmp: &Path, name: &str, out: &Output, status: i32, expected: &[(&str, &str)]) {
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(code, at)| (code.to_string(), format!("[tmp]/{name}:{at}")))
        .collect();
    let path = format!("{}/{name}", tmp.display());
    check(
        name.trim_end_matches(".yaml"),
        &["score", &path],
        out,
        status,
        &expected,
        Some(tmp),
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(VALID.join("\n").as_bytes());
    let out = score_bytes(tmp.path(), "bom.yaml", &bytes);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");

    // The mark takes no column: a mistake on the first line is still at column 1.
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(VALID.join("\n").replace("country:", "countri:").as_bytes());
    let out = score_bytes(tmp.path(), "bom-mistake.yaml", &bytes);
    check_generated(
        tmp.path(),
        "bom-mistake.yaml",
        &out,
        2,
        &[("error[unknown-key]", "1:1"), ("error[missing-key]", "1:1")],
    );
}

#[test]
fn crlf_line_ends_are_accepted() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let text = VALID.join("\r\n") + "\r\n";
    let out = score_bytes(tmp.path(), "crlf.yaml", text.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");

    // A mistake in a CRLF file is at the same line and column, quoted without the `\r`.
    let text = text.replace("level: 2", "level: 9");
    let out = score_bytes(tmp.path(), "crlf-mistake.yaml", text.as_bytes());
    assert!(!stderr(&out).contains('\r'), "{:?}", stderr(&out));
    check_generated(
        tmp.path(),
        "crlf-mistake.yaml",
        &out,
        2,
        &[("error[level-off-scale]", "6:12")],
    );
}

#[test]
fn non_utf8_bytes() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    // "Élections" saved as Latin-1: the byte 0xC9 is not UTF-8 on its own.
    let mut bytes = VALID.join("\n").into_bytes();
    let at = bytes
        .windows(5)
        .position(|w| w == b"Elect")
        .expect("the evidence line");
    bytes.splice(at..at + 1, [0xC9]);
    let out = score_bytes(tmp.path(), "latin1.yaml", &bytes);
    check_generated(
        tmp.path(),
        "latin1.yaml",
        &out,
        2,
        &[("error[not-utf8]", "7:15")],
    );
}

#[test]
fn nested_anchors_cannot_multiply_a_long_list() {
    // Each anchor keeps a copy of what it marks: forty anchors around one list of 150,000 items
    // would hold six million values. The loader stops at the second copy.
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let mut text = String::from("country: Georgia\nas_of: 2008-12-31\nratings: {}\nnotes: ");
    for i in 0..40 {
        text.push_str(&format!("&a{i} ["));
    }
    text.push_str(&vec!["1"; 150_000].join(","));
    text.push_str(&"]".repeat(40));
    text.push('\n');
    let start = Instant::now();
    let out = score_bytes(tmp.path(), "anchors.yaml", text.as_bytes());
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("error[too-complex]"), "{err}");
    assert!(err.contains("anchors.yaml:4:"), "{err}");
}

#[test]
fn one_long_line_is_read_in_linear_time() {
    // Positions are found through checkpoints, not by counting characters from the start of the
    // line for every value: a flow list of 200,000 non-ASCII items on one line stays quick.
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let text = format!(
        "country: Georgia\nas_of: 2008-12-31\nrulesets: [intensified-dialogue]\nratings: {{}}\nnotes: [{}]\n",
        vec!["é"; 200_000].join(",")
    );
    let start = Instant::now();
    let out = score_bytes(tmp.path(), "long-line.yaml", text.as_bytes());
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("error[wrong-type]"), "{err}");
    assert!(err.contains("long-line.yaml:5:8"), "{err}");
}

// ---- The code table -------------------------------------------------------------------------

#[test]
fn every_code_is_unique_kebab_case_and_explained() {
    let mut seen = HashSet::new();
    for (code, meaning) in readiness::diagnostic::CODES {
        assert!(seen.insert(*code), "`{code}` is listed twice");
        assert!(
            !code.is_empty()
                && !code.starts_with('-')
                && !code.ends_with('-')
                && !code.contains("--")
                && code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "`{code}` is not kebab-case"
        );
        assert!(!meaning.trim().is_empty(), "`{code}` has no meaning");
    }
}

/// Every code of `CODES` is produced by some test input: the snapshots of this module and of the
/// shipped files, plus the few codes that are about output or the library API.
#[test]
fn every_code_is_produced_by_some_test_input() {
    use std::collections::BTreeSet;
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut collect = |text: &str| {
        for (header, _) in diagnostics(text) {
            if let Some(code) = header
                .split_once('[')
                .and_then(|(_, rest)| rest.strip_suffix(']'))
            {
                seen.insert(code.to_owned());
            }
        }
    };
    for entry in std::fs::read_dir(root().join("tests/it/snapshots")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "snap") {
            collect(&std::fs::read_to_string(&path).unwrap());
        }
    }
    // Output problems.
    let dir = tempfile::tempdir().unwrap();
    let missing_dir = dir.path().join("no/such/dir/report.json");
    let o = run(&[
        "score",
        "assessments/georgia-2008.yaml",
        "-o",
        missing_dir.to_str().unwrap(),
    ]);
    collect(&stderr(&o));
    let o = run(&[
        "score",
        "assessments/georgia-2008.yaml",
        "-o",
        "assessments/georgia-2008.yaml",
    ]);
    collect(&stderr(&o));
    // `explain` of an unknown id.
    collect(&stderr(&run(&["explain", "ID-9.9"])));
    // The library refuses an empty list of rule-set paths (the command line always has one).
    let rules = readiness::load_rules(&[], u64::MAX);
    seen.extend(rules.diagnostics.iter().map(|d| d.code.to_owned()));

    let missing: Vec<&str> = readiness::diagnostic::CODES
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| !seen.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "codes no test input produces: {missing:?}"
    );
}
