//! Files -> document trees. The only module that knows the YAML library (saphyr-parser, the event
//! parser of the saphyr project): swapping it means rewriting this file and nothing else.
//!
//! The tree is built from parser events rather than through serde so that every later problem can
//! point at its line, and so that this loader decides the safety rules itself: duplicate keys are
//! errors naming both places, nesting and alias expansion have budgets, one document per file.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};
use sha2::{Digest, Sha256};

use crate::diagnostic::{Diagnostic, Location, Span, codes};
use crate::tree::{Node, Value};

/// Files larger than this are refused unless `--max-file-size` says otherwise (SPEC section 11).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;
/// Deepest nesting accepted; real files need about six levels.
const MAX_DEPTH: usize = 64;
/// Nodes that aliases may add in one file, so an alias bomb stops early.
const MAX_ALIAS_NODES: usize = 100_000;

/// One input file's text, as read.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user gave it (or `<stdin>`), used in every diagnostic.
    pub path: Arc<str>,
    /// The text, with a leading byte-order mark removed.
    pub text: Arc<str>,
    /// SHA-256 of the bytes on disk, lowercase hex.
    pub sha256: String,
}

/// Reads a file, refusing ones over `max_size` bytes and ones that are not UTF-8.
pub fn read_file(path: &Path, max_size: u64) -> Result<SourceFile, Diagnostic> {
    let name: Arc<str> = path.display().to_string().into();
    let fail = |e: std::io::Error| {
        Diagnostic::error(codes::READ_FAILED, format!("cannot read {name}: {e}"))
            .in_file(name.clone())
    };
    let file = std::fs::File::open(path).map_err(fail)?;
    let meta = file.metadata().map_err(fail)?;
    if meta.is_dir() {
        return Err(Diagnostic::error(
            codes::READ_FAILED,
            format!("{name} is a directory, not a file"),
        )
        .in_file(name.clone()));
    }
    let mut bytes = Vec::new();
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    from_bytes(name, bytes, max_size)
}

/// Reads standard input as one file named `<stdin>`.
pub fn read_stdin(max_size: u64) -> Result<SourceFile, Diagnostic> {
    let name: Arc<str> = "<stdin>".into();
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Diagnostic::error(
                codes::READ_FAILED,
                format!("cannot read standard input: {e}"),
            )
        })?;
    from_bytes(name, bytes, max_size)
}

/// Checks size and encoding of bytes already read.
pub fn from_bytes(path: Arc<str>, bytes: Vec<u8>, max_size: u64) -> Result<SourceFile, Diagnostic> {
    if bytes.len() as u64 > max_size {
        return Err(Diagnostic::error(
            codes::FILE_TOO_LARGE,
            format!("{path} is larger than the limit of {max_size} bytes"),
        )
        .in_file(path)
        .help("raise the limit with --max-file-size BYTES if the file is genuine"));
    }
    let sha256 = hex(&Sha256::digest(&bytes));
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let valid = &e.as_bytes()[..at];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            return Err(Diagnostic::error(
                codes::NOT_UTF8,
                format!("{path} is not UTF-8 text: invalid byte at offset {at} (line {line})"),
            )
            .in_file(path)
            .help("save the file as UTF-8"));
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    Ok(SourceFile {
        path,
        text: text.into(),
        sha256,
    })
}

/// The `*.yaml` and `*.yml` files directly inside `dir`, sorted by name.
pub fn yaml_files_in(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let name: Arc<str> = dir.display().to_string().into();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Diagnostic::error(
            codes::READ_FAILED,
            format!("cannot read directory {name}: {e}"),
        )
        .in_file(name.clone())
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Diagnostic::error(
            codes::NO_YAML_FILES,
            format!("{name} holds no *.yaml or *.yml file"),
        )
        .in_file(name));
    }
    Ok(files)
}

/// Parses a file into its document tree. `Ok(None)` for a file with no document (empty, or only
/// comments). A syntax error ends parsing; a duplicate key is reported and parsing goes on.
pub fn parse(file: &SourceFile) -> Result<Option<Node>, Vec<Diagnostic>> {
    let mut builder = Builder {
        file,
        lines: LineIndex::new(&file.text),
        stack: Vec::new(),
        anchors: HashMap::new(),
        alias_nodes: 0,
        root: None,
        documents: 0,
        diags: Vec::new(),
    };
    let mut parser = Parser::new_from_str(&file.text);
    while let Some(next) = parser.next_event() {
        let step = match next {
            Ok((event, span)) => builder.event(event, span),
            Err(e) => Err(builder.syntax_error(&e)),
        };
        if let Err(d) = step {
            builder.diags.push(d);
            return Err(builder.diags);
        }
    }
    if builder.diags.is_empty() {
        Ok(builder.root)
    } else {
        Err(builder.diags)
    }
}

enum Frame {
    Seq {
        span: Span,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        span: Span,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        seen: HashMap<String, Span>,
    },
}

struct Builder<'f> {
    file: &'f SourceFile,
    lines: LineIndex,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    alias_nodes: usize,
    root: Option<Node>,
    documents: usize,
    diags: Vec<Diagnostic>,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, span: saphyr_parser::Span) -> Result<(), Diagnostic> {
        let span = self.lines.span(&self.file.text, span);
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(Diagnostic::error(
                        codes::MULTIPLE_DOCUMENTS,
                        "a second YAML document in one file",
                    )
                    .at(self.loc(span))
                    .label("this `---` starts another document")
                    .help("put each assessment or rule set in a file of its own"));
                }
            }
            Event::Scalar(text, style, anchor, _tag) => {
                let quoted = !matches!(style, ScalarStyle::Plain);
                let node = Node {
                    span,
                    value: Value::Scalar {
                        text: text.into_owned(),
                        quoted,
                    },
                };
                self.complete(node, anchor)?;
            }
            Event::SequenceStart(anchor, _) => {
                self.open(
                    Frame::Seq {
                        span,
                        anchor,
                        items: Vec::new(),
                    },
                    span,
                )?;
            }
            Event::MappingStart(anchor, _) => {
                self.open(
                    Frame::Map {
                        span,
                        anchor,
                        entries: Vec::new(),
                        key: None,
                        seen: HashMap::new(),
                    },
                    span,
                )?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(frame) = self.stack.pop() {
                    let (node, anchor) = match frame {
                        Frame::Seq {
                            span: start,
                            anchor,
                            items,
                        } => (
                            Node {
                                span: start,
                                value: Value::Seq(items),
                            },
                            anchor,
                        ),
                        Frame::Map {
                            span: start,
                            anchor,
                            entries,
                            ..
                        } => (
                            Node {
                                span: start,
                                value: Value::Map(entries),
                            },
                            anchor,
                        ),
                    };
                    self.complete(node, anchor)?;
                }
            }
            Event::Alias(id) => {
                let Some(target) = self.anchors.get(&id) else {
                    return Err(Diagnostic::error(
                        codes::YAML_SYNTAX,
                        "an alias to an unknown anchor",
                    )
                    .at(self.loc(span)));
                };
                self.alias_nodes += target.size();
                if self.alias_nodes > MAX_ALIAS_NODES {
                    return Err(Diagnostic::error(
                        codes::TOO_COMPLEX,
                        format!("aliases expand to more than {MAX_ALIAS_NODES} nodes"),
                    )
                    .at(self.loc(span))
                    .label("expansion stopped here")
                    .help("write the values out instead of nesting aliases"));
                }
                let mut node = target.clone();
                node.span = span;
                self.complete(node, 0)?;
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
        }
        Ok(())
    }

    fn open(&mut self, frame: Frame, span: Span) -> Result<(), Diagnostic> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(Diagnostic::error(
                codes::TOO_COMPLEX,
                format!("nesting deeper than {MAX_DEPTH} levels"),
            )
            .at(self.loc(span))
            .label("too deep")
            .help("no readiness file needs more than a few levels"));
        }
        self.stack.push(frame);
        Ok(())
    }

    /// A node is finished: remember its anchor, then attach it to its parent.
    fn complete(&mut self, node: Node, anchor: usize) -> Result<(), Diagnostic> {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        let file = self.file.path.clone();
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries, key, seen, ..
            }) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    if let Some(text) = k.scalar() {
                        if let Some(first) = seen.get(text) {
                            self.diags.push(
                                Diagnostic::error(
                                    codes::DUPLICATE_KEY,
                                    format!("duplicate key `{text}`"),
                                )
                                .at(Location {
                                    file: file.clone(),
                                    span: k.span,
                                })
                                .label("defined again here")
                                .also(Location { file, span: *first }, "first defined here")
                                .help("each key may appear once; merge the two entries"),
                            );
                            return Ok(());
                        }
                        seen.insert(text.to_owned(), k.span);
                    }
                    entries.push((k, node));
                }
            },
        }
        Ok(())
    }

    fn syntax_error(&self, e: &ScanError) -> Diagnostic {
        let m = e.marker();
        let span = self.lines.point(&self.file.text, m.line(), m.col());
        let info = e.info();
        let help = if info.contains("tab") {
            "YAML indents with spaces only; replace the tabs with spaces"
        } else {
            "check the indentation and the quoting on this line and the one before it"
        };
        Diagnostic::error(codes::YAML_SYNTAX, format!("malformed YAML: {info}"))
            .at(self.loc(span))
            .label(info.to_owned())
            .help(help)
    }

    fn loc(&self, span: Span) -> Location {
        Location {
            file: self.file.path.clone(),
            span,
        }
    }
}

/// Byte offsets of line starts, to turn the parser's (line, column in characters) into bytes.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// A zero-length span at 1-based `line`, 0-based character `col`, widened to one character
    /// when there is one, so a caret has something to point at.
    fn point(&self, text: &str, line: usize, col: usize) -> Span {
        let start = self.offset(text, line, col);
        let end = text[start..]
            .chars()
            .next()
            .filter(|c| *c != '\n' && *c != '\r')
            .map_or(start, |c| start + c.len_utf8());
        Span {
            start,
            end,
            line: line.max(1),
            col: col + 1,
        }
    }

    fn span(&self, text: &str, span: saphyr_parser::Span) -> Span {
        let start = self.offset(text, span.start.line(), span.start.col());
        let end = self
            .offset(text, span.end.line(), span.end.col())
            .max(start);
        Span {
            start,
            end,
            line: span.start.line().max(1),
            col: span.start.col() + 1,
        }
    }

    fn offset(&self, text: &str, line: usize, col: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return text.len();
        };
        let rest = &text[start..];
        rest.char_indices()
            .nth(col)
            .map_or(text.len(), |(i, _)| start + i)
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
