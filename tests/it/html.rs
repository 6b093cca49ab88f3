//! The HTML report: hostile input shows as text, the page runs and fetches nothing, a batch
//! writes one page per assessment and an index, the Georgia page is snapshotted, and a real
//! browser (headless Chromium) loads every shipped assessment's page without a console error.
//!
//! The browser test saves a screenshot of each page to `target/screenshots/<stem>.png` and the
//! README's picture to `docs/georgia-2008.png`. Without Chromium it is skipped with a message,
//! except under CI (`CI=true`), where a missing browser fails it.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{rel, root, run, stderr, stdout, yaml_files};

/// Evidence an attacker would write: a script, an attribute breakout, the end of the stylesheet.
const HOSTILE: &str = r#"<script>alert(1)</script> "><img src=x onerror=alert(1)> </style>"#;

/// The same strings as the page must show them.
const ESCAPED: &[&str] = &[
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
    "&lt;/style&gt;",
];

/// Elements that would load, run or submit something; none belongs in a report.
const FORBIDDEN_TAGS: &[&str] = &[
    "script",
    "img",
    "iframe",
    "frame",
    "object",
    "embed",
    "link",
    "base",
    "form",
    "audio",
    "video",
    "source",
    "input",
    "image",
    "use",
    "foreignobject",
    "animate",
    "set",
];

#[test]
fn hostile_evidence_appears_as_text() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let file = hostile_assessment(dir.path());
    let o = run(&["score", &file.display().to_string(), "--format", "html"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = stdout(&o);
    let lower = html.to_lowercase();
    assert!(
        !lower.contains("<script"),
        "a raw <script> reached the page"
    );
    assert!(!lower.contains("<img"), "a raw <img> reached the page");
    assert_eq!(
        html.matches("</style>").count(),
        1,
        "only the stylesheet's own </style>"
    );
    for escaped in ESCAPED {
        // The evidence (gap table), the notes (header), the source and the country (title, h1).
        assert!(
            html.matches(escaped).count() >= 4,
            "{escaped} should show as text in the evidence, notes, sources and country"
        );
    }
    check_markup(&html, &[]);
}

#[test]
fn every_shipped_report_is_self_contained() {
    let files = yaml_files("assessments");
    assert!(files.len() >= 4, "the four shipped assessments");
    for file in files {
        let path = rel(&file);
        let o = run(&["score", &path, "--format", "html"]);
        assert_eq!(o.status.code(), Some(0), "{path}: {}", stderr(&o));
        let html = stdout(&o);
        assert!(
            html.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
            ),
            "{path}: the CSP meta tag forbids scripts and fetches"
        );
        assert!(html.starts_with("<!DOCTYPE html>"), "{path}");
        check_markup(&html, &[]);
        // Everything the report is about is on the page.
        for needle in [
            "Summary",
            "Largest gaps by points",
            "Ranked gaps",
            "Not assessed",
            "Unsupported",
            "Stale",
            "Waivers",
            "Provenance",
            "SHA-256",
            "How the scores were computed",
            "class=\"radar\"",
            "role=\"img\"",
            "aria-label=",
        ] {
            assert!(html.contains(needle), "{path}: no {needle}");
        }
        let again = stdout(&run(&["score", &path, "--format", "html"]));
        assert_eq!(html, again, "{path}: the same input gives the same bytes");
    }
}

#[test]
fn a_batch_writes_one_page_per_assessment_and_an_index() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let out = dir.path().join("reports");
    let o = run(&[
        "score",
        "assessments",
        "--format",
        "html",
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("the output directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let stems: Vec<String> = yaml_files("assessments")
        .iter()
        .map(|f| f.file_stem().expect("stem").to_string_lossy().into_owned())
        .collect();
    let mut expected: Vec<String> = stems.iter().map(|s| format!("{s}.html")).collect();
    expected.push("index.html".into());
    expected.sort();
    assert_eq!(names, expected);

    let index = std::fs::read_to_string(out.join("index.html")).expect("index.html");
    let siblings: Vec<&str> = names.iter().map(String::as_str).collect();
    check_markup(&index, &siblings);
    for stem in &stems {
        assert!(
            index.contains(&format!("href=\"{stem}.html\"")),
            "index links {stem}.html"
        );
        let page = std::fs::read_to_string(out.join(format!("{stem}.html"))).expect("page");
        let alone = stdout(&run(&[
            "score",
            &format!("assessments/{stem}.yaml"),
            "--format",
            "html",
        ]));
        assert_eq!(page, alone, "{stem}: the batch page is the single page");
    }
    // One comparison row per rule set of each report.
    let rows = index.matches("<tr><th scope=\"row\">").count();
    assert_eq!(rows, 12, "4 assessments x 3 rule sets");
    for country in ["Armenia", "Azerbaijan", "Georgia"] {
        assert!(index.contains(country), "{country} in the index");
    }
}

#[test]
fn georgia_2008_page() {
    let o = run(&["score", "assessments/georgia-2008.yaml", "--format", "html"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("georgia-2008.html", stdout(&o));
}

/// One or two applicable benchmarks get bars instead of a radar, none gets a sentence, a
/// benchmark without a score sits at the centre: never a panic or a division by zero.
#[test]
fn small_and_empty_rule_sets_still_draw() {
    let rules = r#"
ruleset: tiny
title: Tiny
version: "1"
benchmarks:
  - id: T-1
    title: One
    criteria:
      - { id: T-1.1, title: First }
  - id: T-2
    title: Two
    criteria:
      - { id: T-2.1, title: Second }
  - id: T-3
    title: Three
    criteria:
      - { id: T-3.1, title: Third }
"#;
    let catalog = crate::common::catalog(&[("tiny", rules)]);
    let cases = [
        // Three applicable, one without a rating: a radar with a point at the centre.
        (
            "T-1.1: { level: 2, evidence: e }\n  T-2.1: { level: 4, evidence: e }",
            "class=\"radar\"",
        ),
        // Two applicable: bars.
        (
            "T-1.1: { level: 2, evidence: e }\n  T-2.1: { level: 4, evidence: e }\n  T-3.1: { not_applicable: no }",
            "class=\"bars\"",
        ),
        // One applicable: bars.
        (
            "T-1.1: { level: 0, evidence: e }\n  T-2.1: { not_applicable: no }\n  T-3.1: { not_applicable: no }",
            "class=\"bars\"",
        ),
        // None applicable: a sentence.
        (
            "T-1.1: { not_applicable: no }\n  T-2.1: { not_applicable: no }\n  T-3.1: { not_applicable: no }",
            "No applicable benchmark to chart.",
        ),
        // Everything met: no gap chart.
        (
            "T-1.1: { level: 4, evidence: e }\n  T-2.1: { level: 4, evidence: e }\n  T-3.1: { level: 4, evidence: e }",
            "No gaps",
        ),
    ];
    for (ratings, expected) in cases {
        let text = format!("country: X\nas_of: 2020-01-01\nratings:\n  {ratings}\n");
        let assessment = crate::common::assessment(&catalog, &text);
        let report = readiness::report::build(&catalog, &assessment);
        let html = readiness::render::html::report(&report);
        assert!(html.contains(expected), "{ratings}: expected {expected}");
        check_markup(&html, &[]);
    }
}

/// Headless Chromium loads the page of every shipped assessment (and the hostile one, and the
/// index): no console error, no element made from the evidence, a screenshot of each.
#[test]
fn a_real_browser_renders_every_shipped_assessment() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().expect("temporary directory");
    let pages = dir.path().join("pages");
    let o = run(&[
        "score",
        "assessments",
        "--format",
        "html",
        "-o",
        &pages.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let hostile = hostile_assessment(dir.path());
    let hostile_page = dir.path().join("hostile.html");
    let o = run(&[
        "score",
        &hostile.display().to_string(),
        "--format",
        "html",
        "-o",
        &hostile_page.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // The detector catches what it looks for: a page with a script the CSP blocks.
    let control = dir.path().join("control.html");
    std::fs::write(
        &control,
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"><title>control</title></head><body><script>alert(1)</script></body></html>",
    )
    .expect("write the control page");
    let (_, log) = load(&browser, dir.path(), &control, &["--dump-dom"]);
    assert!(
        !console_errors(&log).is_empty(),
        "the console check should flag a blocked script; Chromium said:\n{log}"
    );

    let shots = target_dir().join("screenshots");
    std::fs::create_dir_all(&shots).expect("target/screenshots");
    let stems: Vec<String> = yaml_files("assessments")
        .iter()
        .map(|f| f.file_stem().expect("stem").to_string_lossy().into_owned())
        .collect();
    std::thread::scope(|s| {
        for stem in &stems {
            let (browser, dir, pages, shots) = (&browser, dir.path(), &pages, &shots);
            s.spawn(move || {
                let page = pages.join(format!("{stem}.html"));
                let (dom, log) = load(browser, dir, &page, &["--dump-dom"]);
                let errors = console_errors(&log);
                assert!(
                    errors.is_empty(),
                    "{stem}: console errors:\n{}",
                    errors.join("\n")
                );
                assert!(
                    dom.contains("How the scores were computed") && dom.contains("<svg"),
                    "{stem}: the page did not load; DOM:\n{dom}"
                );
                let png = shots.join(format!("{stem}.png"));
                screenshot(browser, dir, &page, &png, "1280,4000");
            });
        }
    });

    // The README's picture: the top of the Georgia 2008 report, down to its first charts.
    let docs = root().join("docs");
    std::fs::create_dir_all(&docs).expect("docs/");
    screenshot(
        &browser,
        dir.path(),
        &pages.join("georgia-2008.html"),
        &docs.join("georgia-2008.png"),
        "1200,2250",
    );

    // The hostile page: loaded, silent, and the evidence made no element.
    let (dom, log) = load(&browser, dir.path(), &hostile_page, &["--dump-dom"]);
    let errors = console_errors(&log);
    assert!(
        errors.is_empty(),
        "hostile page: console errors:\n{}",
        errors.join("\n")
    );
    let lower = dom.to_lowercase();
    assert!(
        lower.contains("how the scores were computed"),
        "hostile page did not load"
    );
    assert!(
        !lower.contains("<script"),
        "the evidence made a <script> element"
    );
    assert!(
        !lower.contains("<img"),
        "the evidence made an <img> element"
    );
    assert!(
        dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the evidence shows as text"
    );
    screenshot(
        &browser,
        dir.path(),
        &hostile_page,
        &shots.join("hostile.png"),
        "1280,4000",
    );

    // The index links each page.
    let (dom, log) = load(
        &browser,
        dir.path(),
        &pages.join("index.html"),
        &["--dump-dom"],
    );
    assert!(console_errors(&log).is_empty(), "index: {log}");
    for stem in &stems {
        assert!(
            dom.contains(&format!("href=\"{stem}.html\"")),
            "index links {stem}"
        );
    }
    screenshot(
        &browser,
        dir.path(),
        &pages.join("index.html"),
        &shots.join("index.png"),
        "1280,900",
    );
}

// ---------------------------------------------------------------------------------------------
// Helpers.

/// A copy of the Georgia 2008 assessment with hostile text in the country, the notes, one
/// rating's evidence and one of its sources.
fn hostile_assessment(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(root().join("assessments/georgia-2008.yaml"))
        .expect("georgia-2008.yaml");
    let replace = |text: String, from: &str, to: &str| {
        assert!(
            text.contains(from),
            "georgia-2008.yaml no longer has {from:?}"
        );
        text.replacen(from, to, 1)
    };
    let quoted = HOSTILE.replace('\'', "''");
    let text = replace(
        text,
        "country: Georgia\n",
        &format!("country: 'Georgia {quoted}'\n"),
    );
    let text = replace(text, "notes: >-\n", &format!("notes: >-\n  {HOSTILE}\n"));
    let text = replace(
        text,
        "  ID-1.2:\n    level: 2\n    evidence: >-\n",
        &format!("  ID-1.2:\n    level: 2\n    evidence: >-\n      {HOSTILE}\n"),
    );
    let text = replace(
        text,
        "\"Bucharest Summit Declaration, NATO, 2008\"",
        &format!("'{quoted}'"),
    );
    let file = dir.join("hostile.yaml");
    std::fs::write(&file, text).expect("write the hostile assessment");
    file
}

/// Checks every tag of a page: nothing that loads, runs or submits; no event handler; links only
/// to fragments that exist on the page or to the given sibling files; no style that fetches.
fn check_markup(html: &str, siblings: &[&str]) {
    let mut ids = Vec::new();
    let mut fragments = Vec::new();
    let tags = tags(html);
    assert!(tags.len() > 10, "a page has markup");
    for (name, attrs) in &tags {
        assert!(
            !FORBIDDEN_TAGS.contains(&name.as_str()),
            "<{name}> has no place in a report"
        );
        for (attr, value) in attrs {
            assert!(!attr.starts_with("on"), "event handler {attr} on <{name}>");
            assert!(
                !value.to_lowercase().contains("javascript:"),
                "{attr}={value:?} on <{name}>"
            );
            match attr.as_str() {
                "id" => ids.push(value.clone()),
                "href" => match value.strip_prefix('#') {
                    Some(fragment) => fragments.push(fragment.to_owned()),
                    None => assert!(
                        siblings.contains(&value.as_str()),
                        "<{name} href={value:?}> points outside the document"
                    ),
                },
                "x" | "y" | "x1" | "y1" | "x2" | "y2" | "cx" | "cy" | "r" | "dy" | "width"
                | "height" | "points" | "viewbox" => {
                    for n in value.split([' ', ',']) {
                        assert!(
                            n.parse::<f64>().is_ok_and(f64::is_finite),
                            "<{name} {attr}={value:?}>: not a finite number"
                        );
                    }
                }
                "src" | "srcset" | "action" | "formaction" | "data" | "poster" | "xlink:href"
                | "ping" | "background" => {
                    panic!("<{name} {attr}={value:?}> would fetch something")
                }
                _ => assert!(
                    !value.contains("http://") && !value.contains("https://"),
                    "<{name} {attr}={value:?}> names a URL"
                ),
            }
        }
    }
    for fragment in &fragments {
        assert!(
            ids.contains(fragment),
            "link to #{fragment}, which no element has"
        );
    }
    let style = html
        .split_once("<style>")
        .and_then(|(_, rest)| rest.split_once("</style>"))
        .map_or("", |(css, _)| css);
    for fetch in ["url(", "@import", "http:", "https:"] {
        assert!(!style.contains(fetch), "the stylesheet has {fetch}");
    }
}

/// The tags of a page as (lowercase name, attributes). Every raw `<` is markup, since user text
/// is escaped; attribute values are double-quoted.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with('!') || rest.starts_with('/') {
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .expect("a tag ends");
        let name = rest[..name_end].to_lowercase();
        rest = &rest[name_end..];
        let mut attrs = Vec::new();
        loop {
            rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix("/>").or_else(|| rest.strip_prefix('>')) {
                rest = after;
                break;
            }
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
                .expect("an attribute ends");
            assert!(
                end > 0,
                "a malformed tag <{name} ...{}",
                &rest[..rest.len().min(40)]
            );
            let attr = rest[..end].to_lowercase();
            rest = &rest[end..];
            let value = match rest.strip_prefix("=\"") {
                Some(v) => {
                    let close = v.find('"').expect("a closing quote");
                    rest = &v[close + 1..];
                    v[..close].to_owned()
                }
                None => {
                    assert!(
                        !rest.starts_with('='),
                        "unquoted value of {attr} on <{name}>"
                    );
                    String::new()
                }
            };
            attrs.push((attr, value));
        }
        out.push((name, attrs));
    }
    out
}

/// Chromium: `/usr/bin/chromium`, else `chromium` on the PATH. Missing, the caller skips, or
/// fails under CI.
#[allow(clippy::print_stderr, reason = "the skip message is the test's output")]
fn chromium() -> Option<PathBuf> {
    let found = Some(PathBuf::from("/usr/bin/chromium"))
        .filter(|p| p.is_file())
        .or_else(|| {
            std::env::var_os("PATH").and_then(|path| {
                std::env::split_paths(&path)
                    .map(|d| d.join("chromium"))
                    .find(|p| p.is_file())
            })
        });
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "chromium is not installed, and under CI the browser test must run: install Debian's `chromium` package (.ci/run does)"
        );
        eprintln!(
            "skipping: chromium not installed (apt-get install chromium to run the browser test)"
        );
    }
    found
}

/// Loads `page` in headless Chromium with `extra` flags; returns (stdout, stderr log).
fn load(browser: &Path, dir: &Path, page: &Path, extra: &[&str]) -> (String, String) {
    let mut args = vec!["--enable-logging=stderr", "--v=0"];
    args.extend_from_slice(extra);
    chrome(browser, dir, page, &args)
}

/// Takes a PNG screenshot of `page` at `size` ("width,height") into `png`.
fn screenshot(browser: &Path, dir: &Path, page: &Path, png: &Path, size: &str) {
    let _ = std::fs::remove_file(png);
    let shot = format!("--screenshot={}", png.display());
    let window = format!("--window-size={size}");
    let (_, log) = chrome(
        browser,
        dir,
        page,
        &[
            &shot,
            &window,
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ],
    );
    let bytes = std::fs::read(png)
        .unwrap_or_else(|e| panic!("no screenshot {}: {e}\n{log}", png.display()));
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 10_000,
        "{} is not a real screenshot",
        png.display()
    );
}

/// Runs headless Chromium on `page` with a fresh profile and no network, killed after a minute.
fn chrome(browser: &Path, dir: &Path, page: &Path, args: &[&str]) -> (String, String) {
    let profile = tempfile::tempdir_in(dir).expect("a profile directory");
    let out_path = profile.path().join("stdout");
    let err_path = profile.path().join("stderr");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.path().join("profile").display()
        ))
        .args(args)
        .arg(file_url(page))
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).expect("stdout file"))
        .stderr(File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        match child.try_wait().expect("wait for chromium") {
            Some(_) => break,
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium did not finish {} within a minute", page.display());
            }
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    let read =
        |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    (read(&out_path), read(&err_path))
}

/// Console messages and blocked loads in a Chromium log.
fn console_errors(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught") || l.contains("Refused to"))
        .collect()
}

/// `file://` URL of an absolute path, percent-encoding what a URL path cannot hold.
fn file_url(path: &Path) -> String {
    let path = std::path::absolute(path).expect("an absolute path");
    let mut url = String::from("file://");
    for b in path.display().to_string().bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~') {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// Cargo's target directory: two levels above the binary under test.
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_readiness"))
        .ancestors()
        .nth(2)
        .map_or_else(|| root().join("target"), Path::to_path_buf)
}
