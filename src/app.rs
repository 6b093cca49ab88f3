//! The commands: arguments in, library calls, text out, an exit status. Everything here writes
//! to the streams it is given, so tests can run it and `main.rs` stays a few lines.

use std::io::{self, Write};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::cli::{
    Cli, Command, ExplainArgs, ExplainFormat, InitArgs, ScoreArgs, Shared, ValidateArgs,
};
use crate::diagnostic::{self, Diagnostic, SourceMap};
use crate::output::{self, Pending};
use crate::render::{self, Format, Style, SummaryRow};
use crate::{Input, Rules};

/// Exit statuses (SPEC section 10).
pub const SUCCESS: u8 = 0;
pub const BELOW_THRESHOLD: u8 = 1;
pub const FAILURE: u8 = 2;

/// The process's streams and what they are connected to.
pub struct Io<'a> {
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    /// Colour and width for text on stdout; `None` when stdout is not a terminal.
    pub stdout_style: Style,
    /// Colour for diagnostics on stderr.
    pub stderr_color: bool,
    /// Whether stderr is a terminal, where a long batch may draw a progress bar.
    pub progress: bool,
}

/// Runs a parsed command line; returns the exit status.
pub fn run(cli: Cli, io: &mut Io<'_>) -> u8 {
    match cli.command {
        Command::Score(args) => score(&cli.shared, &args, io),
        Command::Validate(args) => validate(&cli.shared, &args, io),
        Command::Init(args) => init(&cli.shared, &args, io),
        Command::Explain(args) => explain(&cli.shared, &args, io),
        Command::Schema(args) => write_stdout(io, &crate::schema::schema(args.kind)),
        Command::Completions(args) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(args.shell, &mut cmd, "readiness", &mut buf);
            write_stdout(io, &String::from_utf8_lossy(&buf))
        }
    }
}

/// Writes text to stdout; a closed pipe ends quietly.
fn write_stdout(io: &mut Io<'_>, text: &str) -> u8 {
    match io.stdout.write_all(text.as_bytes()) {
        Ok(()) => SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => SUCCESS,
        Err(e) => {
            let _ = writeln!(io.stderr, "error: cannot write to standard output: {e}");
            FAILURE
        }
    }
}

fn validate(shared: &Shared, args: &ValidateArgs, io: &mut Io<'_>) -> u8 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("rules"), PathBuf::from("assessments")]
    } else {
        args.paths.clone()
    };
    let checked = crate::check(&paths, &rule_paths(shared), shared.max_file_size);
    report_diagnostics(io, &checked.diagnostics, &checked.sources);
    let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = checked.diagnostics.len() - errors;
    let _ = writeln!(
        io.stderr,
        "checked {} rule set{} and {} assessment{}: {errors} error{}, {warnings} warning{}",
        checked.rulesets,
        plural(checked.rulesets),
        checked.assessments,
        plural(checked.assessments),
        plural(errors),
        plural(warnings)
    );
    if errors == 0 { SUCCESS } else { FAILURE }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn init(shared: &Shared, args: &InitArgs, io: &mut Io<'_>) -> u8 {
    let Some(rules) = load_rules(shared, io) else {
        return FAILURE;
    };
    let mut chosen = Vec::new();
    for id in &args.rulesets {
        match rules.catalog.ruleset(id) {
            Some(r) => chosen.push(r),
            None => {
                let loaded: Vec<&str> = rules
                    .catalog
                    .rulesets
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect();
                let help = match diagnostic::closest(id, loaded.iter().copied()) {
                    Some(k) => format!("did you mean `{k}`?"),
                    None => format!("loaded rule sets: {}", loaded.join(", ")),
                };
                let d = Diagnostic::error(
                    diagnostic::codes::UNKNOWN_RULESET,
                    format!("no loaded rule set is called `{id}`"),
                )
                .help(help);
                report_diagnostics(io, &[d], &SourceMap::default());
                return FAILURE;
            }
        }
    }
    if chosen.is_empty() {
        chosen = rules.catalog.rulesets.iter().collect();
    }
    let as_of = match &args.as_of {
        Some(text) => match crate::date::Date::parse(text) {
            Some(d) => d,
            None => {
                let _ = writeln!(
                    io.stderr,
                    "error: --as-of `{text}` is not a real calendar date (YYYY-MM-DD)"
                );
                return FAILURE;
            }
        },
        None => today(),
    };
    let schema = schema_path(args.output.as_deref());
    let text = crate::init::skeleton(&chosen, &args.country, as_of, schema.as_deref());
    let Some(path) = &args.output else {
        return write_stdout(io, &text);
    };
    if path.exists() && !args.force {
        let d = Diagnostic::error(
            diagnostic::codes::WRITE_FAILED,
            format!("{} already exists; not overwriting it", path.display()),
        )
        .help("choose another path, or pass --force to replace it");
        report_diagnostics(io, &[d], &SourceMap::default());
        return FAILURE;
    }
    let inputs: Vec<PathBuf> = rules
        .catalog
        .rulesets
        .iter()
        .map(|r| PathBuf::from(&*r.path))
        .collect();
    match output::write_atomic(path, text.as_bytes(), &inputs) {
        Ok(()) => {
            let _ = writeln!(io.stderr, "wrote {}", path.display());
            SUCCESS
        }
        Err(d) => {
            report_diagnostics(io, &[d], &SourceMap::default());
            FAILURE
        }
    }
}

/// Today's date from the system clock (UTC).
fn today() -> crate::date::Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    crate::date::Date::from_days(days)
        .unwrap_or_else(|| crate::date::Date::from_days(0).unwrap_or_else(|| unreachable!()))
}

/// The assessment schema, relative to where the skeleton goes, for the editor modeline.
/// Printed to stdout, the skeleton is assumed to be saved under `assessments/`.
fn schema_path(output: Option<&std::path::Path>) -> Option<String> {
    let schema = std::path::Path::new("schemas/assessment.schema.json")
        .canonicalize()
        .ok()?;
    let Some(out) = output else {
        return Some("../schemas/assessment.schema.json".into());
    };
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.canonicalize().ok()?,
        _ => std::env::current_dir().ok()?,
    };
    let from: Vec<_> = dir.components().collect();
    let to: Vec<_> = schema.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut rel = PathBuf::new();
    for _ in common..from.len() {
        rel.push("..");
    }
    for c in to.iter().skip(common) {
        rel.push(c);
    }
    Some(rel.to_string_lossy().replace('\\', "/"))
}

fn explain(shared: &Shared, args: &ExplainArgs, io: &mut Io<'_>) -> u8 {
    let Some(rules) = load_rules(shared, io) else {
        return FAILURE;
    };
    let Some(e) = crate::explain::explain(&rules.catalog, &args.id) else {
        let help = match diagnostic::closest(&args.id, rules.catalog.ids()) {
            Some(k) => format!("did you mean `{k}`?"),
            None => "run `readiness explain <rule set id>` to list its benchmarks".into(),
        };
        let d = Diagnostic::error(
            diagnostic::codes::UNKNOWN_ID,
            format!("no loaded rule set defines `{}`", args.id),
        )
        .help(help);
        report_diagnostics(io, &[d], &SourceMap::default());
        return FAILURE;
    };
    let text = match args.format {
        ExplainFormat::Text => crate::explain::text(&e),
        ExplainFormat::Markdown => crate::explain::markdown(&e),
        ExplainFormat::Json => {
            let mut s = serde_json::to_string_pretty(&e).unwrap_or_default();
            s.push('\n');
            s
        }
    };
    write_stdout(io, &text)
}

/// The rule-set paths: `--rules`, else `$READINESS_RULES`, else `./rules`.
pub fn rule_paths(shared: &Shared) -> Vec<PathBuf> {
    if !shared.rules.is_empty() {
        return shared.rules.clone();
    }
    match std::env::var_os("READINESS_RULES") {
        Some(v) if !v.is_empty() => std::env::split_paths(&v).collect(),
        _ => vec![PathBuf::from("rules")],
    }
}

/// Loads the rule sets and reports their problems; `None` when any is an error.
pub fn load_rules(shared: &Shared, io: &mut Io<'_>) -> Option<Rules> {
    let rules = crate::load_rules(&rule_paths(shared), shared.max_file_size);
    report_diagnostics(io, &rules.diagnostics, &rules.sources);
    (!rules.has_errors()).then_some(rules)
}

/// Prints diagnostics to stderr. Returns false when stderr is gone.
pub fn report_diagnostics(
    io: &mut Io<'_>,
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
) -> bool {
    if diagnostics.is_empty() {
        return true;
    }
    let text = diagnostic::render(diagnostics, sources, io.stderr_color);
    io.stderr.write_all(text.as_bytes()).is_ok()
}

/// Batches at least this long show a progress bar (on a terminal).
const PROGRESS_FROM: usize = 20;

/// What one assessment of a batch produced, ready to write.
struct Done {
    /// The report in the chosen format.
    rendered: Option<String>,
    rows: Vec<SummaryRow>,
    /// Rendered diagnostics (errors and warnings) for stderr.
    diagnostics: String,
    failed: bool,
    below: bool,
    /// File name stem for one-file-per-report output.
    stem: String,
}

fn score(shared: &Shared, args: &ScoreArgs, io: &mut Io<'_>) -> u8 {
    let Some(rules) = load_rules(shared, io) else {
        return FAILURE;
    };
    let (inputs, problems) = crate::expand_inputs(&args.assessments);
    let mut failed = !problems.is_empty();
    report_diagnostics(io, &problems, &SourceMap::default());
    if inputs.is_empty() {
        return FAILURE;
    }
    let several = inputs.len() > 1;
    if several && args.format == Format::Html && args.output.is_none() {
        let _ = writeln!(
            io.stderr,
            "error: several assessments in html need `-o DIR`: one page each and an index.html"
        );
        return FAILURE;
    }
    let input_paths: Vec<PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File(p) => Some(p.clone()),
            Input::Stdin => None,
        })
        .chain(
            rules
                .catalog
                .rulesets
                .iter()
                .map(|r| PathBuf::from(&*r.path)),
        )
        .collect();
    let per_report_dir = several && args.format.one_file_per_report() && args.output.is_some();

    // Where the batch goes.
    let mut sink: Sink = match (&args.output, per_report_dir) {
        (Some(dir), true) => {
            if let Err(e) = std::fs::create_dir_all(dir) {
                let d = Diagnostic::error(
                    diagnostic::codes::WRITE_FAILED,
                    format!("cannot create {}: {e}", dir.display()),
                );
                report_diagnostics(io, &[d], &SourceMap::default());
                return FAILURE;
            }
            Sink::Dir(dir.clone())
        }
        (Some(file), false) => match Pending::create(file, &input_paths) {
            Ok(p) => Sink::File(p),
            Err(d) => {
                report_diagnostics(io, &[d], &SourceMap::default());
                return FAILURE;
            }
        },
        (None, _) => Sink::Stdout,
    };
    let style = match sink {
        Sink::Stdout => io.stdout_style,
        _ => Style::default(),
    };
    let format = args.format;
    let threshold = args.fail_under;
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(io.stderr, "error: cannot start worker threads: {e}");
            return FAILURE;
        }
    };
    let max = shared.max_file_size;
    let catalog = &rules.catalog;
    let stderr_color = io.stderr_color;
    let progress = if io.progress && inputs.len() >= PROGRESS_FROM {
        indicatif::ProgressBar::new(inputs.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let work = |input: &Input| -> Done {
        progress.inc(1);
        let assessed = crate::assess(input, catalog, max);
        let mut sources = SourceMap::default();
        if let Some(f) = &assessed.file {
            sources.insert(f.path.clone(), f.text.clone());
        }
        let diagnostics = if assessed.diagnostics.is_empty() {
            String::new()
        } else {
            diagnostic::render(&assessed.diagnostics, &sources, stderr_color)
        };
        let failed =
            assessed.report.is_none() || assessed.diagnostics.iter().any(Diagnostic::is_error);
        let stem = match input {
            Input::File(p) => p
                .file_stem()
                .map_or("report".into(), |s| s.to_string_lossy().into_owned()),
            Input::Stdin => "stdin".into(),
        };
        let Some(report) = assessed.report else {
            return Done {
                rendered: None,
                rows: Vec::new(),
                diagnostics,
                failed,
                below: false,
                stem,
            };
        };
        let below = threshold.is_some_and(|t| {
            report
                .rulesets
                .iter()
                .any(|r| r.score.is_none_or(|s| s < t))
        });
        let rendered = match (format, several) {
            (Format::Text, true) => None,
            (Format::Json, true) => Some(render::json::line(&report)),
            (Format::Csv, true) => Some(render::csv::rows(&report, false)),
            _ => Some(render::render(&report, format, style)),
        };
        Done {
            rendered,
            rows: render::summary_rows(&report),
            diagnostics,
            failed,
            below,
            stem,
        }
    };

    // Stream in chunks: parallel within a chunk, written in input order, then dropped.
    let chunk = 64 * pool.current_num_threads().max(1);
    let mut rows = Vec::new();
    let mut below = false;
    let mut first = true;
    // Reports written into a directory, for its index.
    let mut written: Vec<render::IndexEntry> = Vec::new();
    if several {
        match format {
            Format::Json => failed |= !sink.write(io, b"{\"reports\": [\n"),
            Format::Csv => failed |= !sink.write(io, render::csv::header().as_bytes()),
            _ => {}
        }
    }
    for batch in inputs.chunks(chunk) {
        let done: Vec<Done> = pool.install(|| batch.par_iter().map(work).collect());
        for d in done {
            if !d.diagnostics.is_empty() && io.stderr.write_all(d.diagnostics.as_bytes()).is_err() {
                return FAILURE;
            }
            failed |= d.failed;
            below |= d.below;
            if format == Format::Text {
                rows.extend(d.rows.iter().cloned());
            }
            let Some(text) = d.rendered else { continue };
            let ok = match (&mut sink, format, several) {
                (Sink::Dir(dir), _, _) => {
                    let name = unique_name(&written, &d.stem, format.extension());
                    let r = output::write_atomic(&dir.join(&name), text.as_bytes(), &input_paths);
                    if let Err(e) = r {
                        report_diagnostics(io, &[e], &SourceMap::default());
                        false
                    } else {
                        written.push(render::IndexEntry {
                            file: name,
                            rows: d.rows,
                        });
                        true
                    }
                }
                (s, Format::Json, true) => {
                    let sep: &[u8] = if first { b"" } else { b",\n" };
                    s.write(io, sep) && s.write(io, text.trim_end().as_bytes())
                }
                (s, Format::Markdown, true) if !first => {
                    s.write(io, b"\n---\n\n") && s.write(io, text.as_bytes())
                }
                (s, _, _) => s.write(io, text.as_bytes()),
            };
            first = false;
            if !ok {
                return if failed { FAILURE } else { SUCCESS };
            }
        }
    }
    progress.finish_and_clear();
    if several {
        let tail = match format {
            Format::Json => "\n]}\n".to_owned(),
            Format::Text => render::text::comparison(&rows, style),
            Format::Markdown if per_report_dir => render::markdown::index(&written),
            Format::Html if per_report_dir => render::html::index(&written),
            _ => String::new(),
        };
        if let Sink::Dir(dir) = &sink {
            let index = dir.join(format!("index.{}", format.extension()));
            if let Err(e) = output::write_atomic(&index, tail.as_bytes(), &input_paths) {
                report_diagnostics(io, &[e], &SourceMap::default());
                failed = true;
            }
        } else {
            failed |= !sink.write(io, tail.as_bytes());
        }
    }
    if failed {
        // A failed run commits nothing: an earlier report at the destination stays as it was.
        return FAILURE;
    }
    if let Sink::File(p) = sink
        && let Err(e) = p.commit()
    {
        report_diagnostics(io, &[e], &SourceMap::default());
        return FAILURE;
    }
    if below { BELOW_THRESHOLD } else { SUCCESS }
}

enum Sink {
    Stdout,
    File(Pending),
    Dir(PathBuf),
}

impl Sink {
    /// Writes to the sink; false when the write failed (a closed pipe ends the run quietly).
    fn write(&mut self, io: &mut Io<'_>, bytes: &[u8]) -> bool {
        match self {
            Sink::Stdout => match io.stdout.write_all(bytes) {
                Ok(()) => true,
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => false,
                Err(e) => {
                    let _ = writeln!(io.stderr, "error: cannot write the report: {e}");
                    false
                }
            },
            Sink::File(p) => match p.write_all(bytes) {
                Ok(()) => true,
                Err(d) => {
                    report_diagnostics(io, &[d], &SourceMap::default());
                    false
                }
            },
            Sink::Dir(_) => true,
        }
    }
}

/// `stem.ext`, or `stem-2.ext` when two inputs share a stem.
fn unique_name(written: &[render::IndexEntry], stem: &str, ext: &str) -> String {
    let mut name = format!("{stem}.{ext}");
    let mut n = 2;
    while written.iter().any(|w| w.file == name) {
        name = format!("{stem}-{n}.{ext}");
        n += 1;
    }
    name
}
