//! Where the time of `readiness score --jobs 1` goes: the pipeline of `readiness::assess` and
//! the batch writer, run stage by stage on one thread with a clock around each stage.
//!
//! usage: readiness-stages RULES_DIR ASSESSMENTS_DIR
//!
//! `read + parse` is the parse floor of SPEC section 12 measured exactly: the engine's own YAML
//! loader (saphyr events -> span-carrying tree, the raw form validation reads), nothing else.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use readiness::{load, render, report, score, validate};

const MAX: u64 = 16 << 20;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [rules_dir, dir] = args.as_slice() else {
        eprintln!("usage: readiness-stages RULES_DIR ASSESSMENTS_DIR");
        std::process::exit(2);
    };
    let rules = readiness::load_rules(&[PathBuf::from(rules_dir)], MAX);
    assert!(!rules.has_errors(), "the rule sets do not load");
    let files = load::yaml_files_in(Path::new(dir)).expect("a directory of assessments");
    let names = [
        "read (file -> text)",
        "parse (saphyr -> tree)",
        "validate (tree -> model)",
        "report::build (scores, gaps)",
        "render jsonl (serde_json)",
        "drop (free tree, model, report)",
    ];
    let mut t = [Duration::ZERO; 6];
    let mut score_only = Duration::ZERO;
    let mut render_csv = Duration::ZERO;
    let mut bytes = 0usize;
    for path in &files {
        let t0 = Instant::now();
        let file = load::read_file(path, MAX).expect("readable");
        let t1 = Instant::now();
        let root = load::parse(&file).ok().flatten().expect("a YAML document");
        let t2 = Instant::now();
        let mut diagnostics = Vec::new();
        let a = validate::assessment(&file, &root, &rules.catalog, &mut diagnostics)
            .expect("a valid assessment");
        let t3 = Instant::now();
        let report = report::build(&rules.catalog, &a);
        let t4 = Instant::now();
        let line = render::json::line(&report);
        let t5 = Instant::now();
        bytes += line.len();
        drop((line, report, a, diagnostics, root, file));
        let t6 = Instant::now();
        for (i, (from, to)) in [(t0, t1), (t1, t2), (t2, t3), (t3, t4), (t4, t5), (t5, t6)]
            .into_iter()
            .enumerate()
        {
            t[i] += to - from;
        }

        // Outside the pipeline: exact scoring alone, and the CSV renderer, for comparison.
        let file = load::read_file(path, MAX).expect("readable");
        let root = load::parse(&file).ok().flatten().expect("a YAML document");
        let a = validate::assessment(&file, &root, &rules.catalog, &mut Vec::new())
            .expect("a valid assessment");
        let s0 = Instant::now();
        for id in &a.rulesets {
            if let Some(r) = rules.catalog.ruleset(id) {
                black_box(score::score(r, &a));
            }
        }
        let s1 = Instant::now();
        let report = report::build(&rules.catalog, &a);
        let c0 = Instant::now();
        black_box(render::csv::rows(&report, false));
        render_csv += c0.elapsed();
        score_only += s1 - s0;
    }
    let total: Duration = t.iter().sum();
    let secs = |d: Duration| d.as_secs_f64();
    let n = files.len().max(1) as f64;
    println!(
        "{} assessments, one thread; JSONL output {} MB",
        files.len(),
        bytes >> 20
    );
    println!(
        "{:<40} {:>9} {:>9} {:>7}",
        "stage", "total s", "ms/file", "share"
    );
    for (name, d) in names.iter().zip(&t) {
        println!(
            "{:<40} {:>9.3} {:>9.2} {:>6.1}%",
            name,
            secs(*d),
            1000.0 * secs(*d) / n,
            100.0 * secs(*d) / secs(total)
        );
    }
    println!(
        "{:<40} {:>9.3} {:>9.2}",
        "pipeline total",
        secs(total),
        1000.0 * secs(total) / n
    );
    println!(
        "{:<40} {:>9.3} {:>9.2} {:>6.1}%",
        "  of which score::score (exact rationals)",
        secs(score_only),
        1000.0 * secs(score_only) / n,
        100.0 * secs(score_only) / secs(total)
    );
    println!(
        "{:<40} {:>9.3} {:>9.2}",
        "  (render csv instead of jsonl)",
        secs(render_csv),
        1000.0 * secs(render_csv) / n
    );
    let floor = secs(t[0] + t[1]);
    println!("parse floor (read + parse)        {floor:.3} s");
    println!(
        "parse+validate                    {:.3} s",
        floor + secs(t[2])
    );
    println!(
        "pipeline / parse floor            {:.2}",
        secs(total) / floor
    );
    println!(
        "pipeline / parse+validate         {:.2}",
        secs(total) / (floor + secs(t[2]))
    );
    // For benches/run.sh.
    println!(
        "RESULT floor={floor:.3} validate={:.3} total={:.3} score={:.3}",
        floor + secs(t[2]),
        secs(total),
        secs(score_only)
    );
}
