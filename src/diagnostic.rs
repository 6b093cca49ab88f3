//! Diagnostics: what is wrong with an input file, where, and how to fix it.
//!
//! Every problem, a YAML syntax error as much as an unknown criterion id, becomes one
//! [`Diagnostic`] of the same shape. Validation pushes them and carries on, so a run reports every
//! problem it can find. Rendering (with annotate-snippets) is kept here so the renderer can be
//! swapped without touching the checks.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Element, Group, Level, Origin, Renderer, Snippet};

/// A byte range in a source file, with the 1-based line and column (in characters) of its start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub col: usize,
}

/// A place in a named file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: Arc<str>,
    pub span: Span,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.span.line, self.span.col)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem with the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable kebab-case name, listed in [`CODES`] and the README.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Where, when the problem is inside a file.
    pub location: Option<Location>,
    /// A path for problems about a whole file that has no text to point into.
    pub path: Option<Arc<str>>,
    /// Short text under the caret.
    pub label: Option<String>,
    pub help: Option<String>,
    /// Other places that take part (the first definition of a duplicate).
    pub also: Vec<(Location, String)>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            location: None,
            path: None,
            label: None,
            help: None,
            also: Vec::new(),
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, location: Location) -> Diagnostic {
        self.location = Some(location);
        self
    }

    pub fn in_file(mut self, path: Arc<str>) -> Diagnostic {
        self.path = Some(path);
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn also(mut self, location: Location, label: impl Into<String>) -> Diagnostic {
        self.also.push((location, label.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file this diagnostic is about, if any.
    pub fn file(&self) -> Option<&str> {
        self.location
            .as_ref()
            .map(|l| &*l.file)
            .or(self.path.as_deref())
    }
}

/// The text of every file read in a run, so diagnostics can quote their lines.
#[derive(Debug, Default)]
pub struct SourceMap {
    texts: HashMap<Arc<str>, Arc<str>>,
}

impl SourceMap {
    pub fn insert(&mut self, path: Arc<str>, text: Arc<str>) {
        self.texts.insert(path, text);
    }

    pub fn extend(&mut self, other: SourceMap) {
        self.texts.extend(other.texts);
    }

    pub fn get(&self, path: &str) -> Option<&str> {
        self.texts.get(path).map(|t| &**t)
    }
}

/// Renders diagnostics the way rustc and cargo do: `error[code]: message`, `--> path:line:col`,
/// the line with a caret, `help:`. `styled` adds colour (the caller decides from the terminal).
pub fn render(diagnostics: &[Diagnostic], sources: &SourceMap, styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    // Past this many problems in one file the rest are counted, not shown: a mangled file can
    // hold thousands, and each would quote its line.
    const SHOWN_PER_FILE: usize = 50;
    let mut per_file: HashMap<&str, usize> = HashMap::new();
    let mut hidden: Vec<(&str, usize)> = Vec::new();
    for d in diagnostics {
        if let Some(file) = d.file() {
            let n = per_file.entry(file).or_default();
            *n += 1;
            if *n > SHOWN_PER_FILE {
                match hidden.iter_mut().find(|(f, _)| *f == file) {
                    Some((_, count)) => *count += 1,
                    None => hidden.push((file, 1)),
                }
                continue;
            }
        }
        if d.location.is_none() && d.path.is_none() {
            out.push_str(&placeless(d, styled));
        } else {
            out.push_str(&renderer.render(&report(d, sources)));
        }
        out.push_str("\n\n");
    }
    for (file, count) in hidden {
        let message = format!("{count} more problems in {file} not shown");
        let help = "fix the problems above first; the rest often follow from them";
        out.push_str(&headline(
            "note",
            anstyle::AnsiColor::Green,
            &message,
            Some(help),
            styled,
        ));
        out.push_str("\n\n");
    }
    out
}

/// A diagnostic about no file: the title and the help, without an empty snippet frame.
fn placeless(d: &Diagnostic, styled: bool) -> String {
    let (word, colour) = match d.severity {
        Severity::Error => ("error", anstyle::AnsiColor::Red),
        Severity::Warning => ("warning", anstyle::AnsiColor::Yellow),
    };
    headline(
        &format!("{word}[{}]", d.code),
        colour,
        &d.message,
        d.help.as_deref(),
        styled,
    )
}

/// `word: message`, and `help: ...` on the next line, in rustc's colours when styled.
fn headline(
    word: &str,
    colour: anstyle::AnsiColor,
    message: &str,
    help: Option<&str>,
    styled: bool,
) -> String {
    let paint = |text: &str, style: anstyle::Style| {
        if styled {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    };
    let bold = anstyle::Style::new().bold();
    let mut out = format!(
        "{}{}",
        paint(word, bold.fg_color(Some(colour.into()))),
        paint(&format!(": {message}"), bold)
    );
    if let Some(help) = help {
        out.push_str(&format!(
            "\n{}: {help}",
            paint("help", bold.fg_color(Some(anstyle::AnsiColor::Cyan.into())))
        ));
    }
    out
}

fn report<'a>(d: &'a Diagnostic, sources: &'a SourceMap) -> Vec<Group<'a>> {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut title = Group::with_title(level.primary_title(d.message.as_str()).id(d.code));
    let mut places: Vec<(&Location, &str, bool)> = Vec::new();
    if let Some(loc) = &d.location {
        places.push((loc, d.label.as_deref().unwrap_or(""), true));
    }
    for (loc, label) in &d.also {
        places.push((loc, label.as_str(), false));
    }
    let mut groups = Vec::new();
    let mut first = true;
    for (loc, label, primary) in places {
        let kind = if primary {
            AnnotationKind::Primary
        } else {
            AnnotationKind::Context
        };
        let element: Element<'a> = match sources.get(&loc.file) {
            Some(text) => {
                let (start, end) = clamp_span(text, loc.span);
                // Only the lines the span covers go to the renderer: quoting a line must not
                // cost the whole file each time.
                let first = text
                    .get(..start)
                    .and_then(|t| t.rfind('\n'))
                    .map_or(0, |i| i + 1);
                let last = text
                    .get(end..)
                    .and_then(|t| t.find('\n'))
                    .map_or(text.len(), |i| end + i);
                // A CRLF line's `\r` belongs to the line end, not to the quoted text.
                let last = if last > end && text.as_bytes().get(last - 1) == Some(&b'\r') {
                    last - 1
                } else {
                    last
                };
                let line = text.get(..first).map_or(0, |t| t.matches('\n').count()) + 1;
                Snippet::source(text.get(first..last).unwrap_or_default())
                    .line_start(line)
                    .path(&*loc.file)
                    .annotation(kind.span(start - first..end - first).label(label))
                    .into()
            }
            // No text to quote (a file that is not UTF-8): still name the line and column.
            None if loc.span.line > 0 => Origin::path(&*loc.file)
                .line(loc.span.line)
                .char_column(loc.span.col)
                .into(),
            None => Origin::path(&*loc.file).into(),
        };
        if first {
            title = title.element(element);
            first = false;
        } else {
            groups.push(Group::with_title(Level::NOTE.secondary_title(label)).element(element));
        }
    }
    if first && let Some(path) = &d.path {
        title = title.element(Origin::path(&**path));
    }
    let mut all = vec![title];
    all.extend(groups);
    if let Some(help) = &d.help {
        all.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    all
}

/// Keeps a span inside the text and on character boundaries, so a renderer never slices badly.
fn clamp_span(text: &str, span: Span) -> (usize, usize) {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (start, end)
}

/// Every diagnostic code, with its meaning. The README lists the same table; a test keeps them
/// unique and proves each is produced by some input.
pub const CODES: &[(&str, &str)] = &[
    (codes::READ_FAILED, "a file or directory could not be read"),
    (
        codes::NO_YAML_FILES,
        "a directory holds no *.yaml or *.yml file",
    ),
    (
        codes::FILE_TOO_LARGE,
        "a file is over the size limit (--max-file-size)",
    ),
    (codes::NOT_UTF8, "a file is not valid UTF-8"),
    (codes::EMPTY_FILE, "a file is empty or holds only comments"),
    (
        codes::YAML_SYNTAX,
        "the YAML itself is malformed (includes tabs used for indentation)",
    ),
    (codes::DUPLICATE_KEY, "a mapping has the same key twice"),
    (
        codes::TOO_COMPLEX,
        "nesting too deep, or anchors and aliases expanding to too many values",
    ),
    (
        codes::MULTIPLE_DOCUMENTS,
        "a file holds more than one YAML document",
    ),
    (
        codes::WRONG_TYPE,
        "a value has the wrong type (a list where text was expected, ...)",
    ),
    (codes::MISSING_KEY, "a required key is absent"),
    (codes::UNKNOWN_KEY, "a key the format does not define"),
    (
        codes::INVALID_NUMBER,
        "not a number, not finite, fractional where whole, or absurdly large",
    ),
    (
        codes::INVALID_DATE,
        "not a real calendar date in YYYY-MM-DD form",
    ),
    (
        codes::INVALID_ID,
        "an id with characters other than those allowed",
    ),
    (
        codes::INVALID_VALUE,
        "a word outside its allowed set, or an empty text",
    ),
    (
        codes::DUPLICATE_ID,
        "a rule set, benchmark or criterion id defined twice",
    ),
    (
        codes::INVALID_SCALE,
        "scale min not below max, or a label for a level off the scale",
    ),
    (codes::TARGET_OFF_SCALE, "a level target outside the scale"),
    (
        codes::WEIGHT_NOT_POSITIVE,
        "a weight that is zero or negative",
    ),
    (
        codes::PERCENT_OUT_OF_RANGE,
        "a threshold or band outside 0..100",
    ),
    (
        codes::BANDS_NOT_ASCENDING,
        "bands not strictly ascending, or the first not from 0",
    ),
    (
        codes::INDICATOR_FLOOR_EQUALS_TARGET,
        "an indicator whose floor equals its target",
    ),
    (
        codes::INDICATOR_WITH_LEVEL_KEYS,
        "an indicator criterion with a level target or guidance",
    ),
    (
        codes::UNKNOWN_SOURCE,
        "a criterion cites a source id its file does not define",
    ),
    (
        codes::UNRESOLVED_RELATED,
        "warning: a related id no loaded rule set defines",
    ),
    (codes::NO_RULESETS, "no rule set could be loaded"),
    (
        codes::UNKNOWN_RULESET,
        "an assessment selects a rule set that is not loaded",
    ),
    (
        codes::NO_RULESET_SELECTED,
        "an assessment selects no loaded rule set",
    ),
    (
        codes::UNKNOWN_CRITERION,
        "a rating or waiver for an id no selected rule set defines",
    ),
    (
        codes::RATING_SHAPE,
        "a rating without exactly one of level, value, not_applicable",
    ),
    (
        codes::RATING_KIND,
        "a level for an indicator, or a value for a level criterion",
    ),
    (
        codes::LEVEL_OFF_SCALE,
        "a level outside the rule set's scale",
    ),
    (
        codes::UNSUPPORTED_RATING,
        "warning: a rating without evidence",
    ),
    (
        codes::STALE_RATING,
        "warning: a rating older than the rule set's max_evidence_age_days",
    ),
    (
        codes::EXPIRED_WAIVER,
        "warning: a waiver that expired before the assessment date",
    ),
    (
        codes::OUTPUT_IS_INPUT,
        "the output path is one of the run's input files",
    ),
    (codes::WRITE_FAILED, "the report could not be written"),
];

/// The codes as constants, so a typo in a code is a compile error.
pub mod codes {
    pub const READ_FAILED: &str = "read-failed";
    pub const NO_YAML_FILES: &str = "no-yaml-files";
    pub const FILE_TOO_LARGE: &str = "file-too-large";
    pub const NOT_UTF8: &str = "not-utf8";
    pub const EMPTY_FILE: &str = "empty-file";
    pub const YAML_SYNTAX: &str = "yaml-syntax";
    pub const DUPLICATE_KEY: &str = "duplicate-key";
    pub const TOO_COMPLEX: &str = "too-complex";
    pub const MULTIPLE_DOCUMENTS: &str = "multiple-documents";
    pub const WRONG_TYPE: &str = "wrong-type";
    pub const MISSING_KEY: &str = "missing-key";
    pub const UNKNOWN_KEY: &str = "unknown-key";
    pub const INVALID_NUMBER: &str = "invalid-number";
    pub const INVALID_DATE: &str = "invalid-date";
    pub const INVALID_ID: &str = "invalid-id";
    pub const INVALID_VALUE: &str = "invalid-value";
    pub const DUPLICATE_ID: &str = "duplicate-id";
    pub const INVALID_SCALE: &str = "invalid-scale";
    pub const TARGET_OFF_SCALE: &str = "target-off-scale";
    pub const WEIGHT_NOT_POSITIVE: &str = "weight-not-positive";
    pub const PERCENT_OUT_OF_RANGE: &str = "percent-out-of-range";
    pub const BANDS_NOT_ASCENDING: &str = "bands-not-ascending";
    pub const INDICATOR_FLOOR_EQUALS_TARGET: &str = "indicator-floor-equals-target";
    pub const INDICATOR_WITH_LEVEL_KEYS: &str = "indicator-with-level-keys";
    pub const UNKNOWN_SOURCE: &str = "unknown-source";
    pub const UNRESOLVED_RELATED: &str = "unresolved-related";
    pub const NO_RULESETS: &str = "no-rulesets";
    pub const UNKNOWN_RULESET: &str = "unknown-ruleset";
    pub const NO_RULESET_SELECTED: &str = "no-ruleset-selected";
    pub const UNKNOWN_CRITERION: &str = "unknown-criterion";
    pub const RATING_SHAPE: &str = "rating-shape";
    pub const RATING_KIND: &str = "rating-kind";
    pub const LEVEL_OFF_SCALE: &str = "level-off-scale";
    pub const UNSUPPORTED_RATING: &str = "unsupported-rating";
    pub const STALE_RATING: &str = "stale-rating";
    pub const EXPIRED_WAIVER: &str = "expired-waiver";
    pub const UNKNOWN_ID: &str = "unknown-id";
    pub const OUTPUT_IS_INPUT: &str = "output-is-input";
    pub const WRITE_FAILED: &str = "write-failed";
}

/// The closest of `candidates` to `word`, when it is close enough to be a useful suggestion.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}
