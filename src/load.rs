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
/// Nodes that anchors and aliases may copy in one file, so an alias bomb stops early.
const MAX_ALIAS_NODES: usize = 100_000;

/// One input file's text, as read.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user gave it (or `<stdin>`), used in every diagnostic.
    pub path: Arc<str>,
    /// The text, with a leading byte-order mark removed.
    pub text: Arc<str>,
    /// Whether the bytes began with a UTF-8 byte-order mark.
    pub bom: bool,
}

impl SourceFile {
    /// SHA-256 of the bytes as read, lowercase hex. Computed on demand: only rule sets need it,
    /// and hashing every assessment of a batch would cost a tenth of the run.
    pub fn sha256(&self) -> String {
        let mut hasher = Sha256::new();
        if self.bom {
            hasher.update("\u{feff}".as_bytes());
        }
        hasher.update(self.text.as_bytes());
        hex(&hasher.finalize())
    }
}

/// Reads a file, refusing ones over `max_size` bytes and ones that are not UTF-8.
pub fn read_file(path: &Path, max_size: u64) -> Result<SourceFile, Diagnostic> {
    let name: Arc<str> = path.display().to_string().into();
    let fail = |e: std::io::Error| {
        let help = match e.kind() {
            std::io::ErrorKind::NotFound => {
                "check the path; a relative path starts from the current directory"
            }
            std::io::ErrorKind::PermissionDenied => "check the file's permissions",
            _ => "check that the path names a readable file",
        };
        Diagnostic::error(codes::READ_FAILED, format!("cannot read {name}: {e}"))
            .in_file(name.clone())
            .help(help)
    };
    let file = std::fs::File::open(path).map_err(fail)?;
    let meta = file.metadata().map_err(fail)?;
    if meta.is_dir() {
        return Err(Diagnostic::error(
            codes::READ_FAILED,
            format!("{name} is a directory, not a file"),
        )
        .in_file(name.clone())
        .help("name a file, or pass the directory where a directory is accepted"));
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
            .help("pipe or redirect a YAML file into `-`, or name the file instead")
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
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let valid = e.as_bytes().get(..at).unwrap_or_default();
            let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            // The bytes before `at` are valid UTF-8, so this counts characters.
            let before = valid.get(line_start..).unwrap_or_default();
            let before = before.strip_prefix("\u{feff}".as_bytes()).unwrap_or(before);
            let col = String::from_utf8_lossy(before).chars().count() + 1;
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let span = Span {
                start: at,
                end: at + 1,
                line,
                col,
            };
            return Err(Diagnostic::error(
                codes::NOT_UTF8,
                format!("{path} is not UTF-8 text: invalid byte at offset {at}"),
            )
            .at(Location {
                file: path.clone(),
                span,
            })
            .in_file(path)
            .help(
                "save the file as UTF-8 (most editors offer it under \"Save as\" or \"Encoding\")",
            ));
        }
    };
    let (text, bom) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest.to_owned(), true),
        None => (text, false),
    };
    Ok(SourceFile {
        path,
        text: text.into(),
        bom,
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
        .help("check the directory's permissions")
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
        .in_file(name)
        .help("only files ending in .yaml or .yml directly inside it are read; subdirectories are not searched"));
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
        anchor_nodes: 0,
        nodes: 0,
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

impl Frame {
    fn span(&self) -> Span {
        match self {
            Frame::Seq { span, .. } | Frame::Map { span, .. } => *span,
        }
    }
}

struct Builder<'f> {
    file: &'f SourceFile,
    lines: LineIndex,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    /// Nodes added by aliases, limited to [`MAX_ALIAS_NODES`].
    alias_nodes: usize,
    /// Nodes copied to remember anchors, limited to the nodes the file itself holds (or
    /// [`MAX_ALIAS_NODES`]), so nested anchors around a long list cannot multiply it.
    anchor_nodes: usize,
    /// Nodes written out in the file.
    nodes: usize,
    root: Option<Node>,
    documents: usize,
    diags: Vec<Diagnostic>,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, span: saphyr_parser::Span) -> Result<(), Diagnostic> {
        let mut span = self.lines.span(&self.file.text, span);
        if matches!(event, Event::SequenceStart(..) | Event::MappingStart(..)) && self.is_flow(span)
        {
            // The parser's span of `{` takes the space after it too.
            span.end = span.start + self.file.text[span.start..span.end].trim_end().len();
        }
        if matches!(
            event,
            Event::Scalar(..) | Event::SequenceStart(..) | Event::MappingStart(..)
        ) {
            self.nodes += 1;
        }
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
                    let (mut node, anchor) = match frame {
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
                    // A flow collection on one line spans its brackets, so a caret underlines
                    // the whole `[...]`; a block one points at its first item.
                    if self.is_flow(node.span) && span.line == node.span.line {
                        node.span.end = span.end.max(node.span.end);
                    }
                    self.complete(node, anchor)?;
                }
            }
            Event::Alias(id) => {
                let Some(size) = self.anchors.get(&id).map(Node::size) else {
                    return Err(Diagnostic::error(
                        codes::YAML_SYNTAX,
                        "an alias to an unknown anchor",
                    )
                    .at(self.loc(span))
                    .help("define the anchor (`&name`) before the alias (`*name`) that uses it"));
                };
                self.alias_nodes += size;
                if self.alias_nodes > MAX_ALIAS_NODES {
                    return Err(self.too_many_copies(MAX_ALIAS_NODES, span));
                }
                let Some(mut node) = self.anchors.get(&id).cloned() else {
                    return Ok(());
                };
                node.span = span;
                self.complete(node, 0)?;
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
        }
        Ok(())
    }

    fn too_many_copies(&self, limit: usize, span: Span) -> Diagnostic {
        Diagnostic::error(
            codes::TOO_COMPLEX,
            format!("anchors and aliases expand to more than {limit} values"),
        )
        .at(self.loc(span))
        .label("expansion stopped here")
        .help("write the values out instead of nesting anchors and aliases")
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
            // Keeping a copy per anchor costs memory too: nested anchors around a long list
            // would otherwise copy it once per level.
            let size = node.size();
            self.anchor_nodes += size;
            if self.anchor_nodes > self.nodes.max(MAX_ALIAS_NODES) {
                return Err(self.too_many_copies(self.nodes.max(MAX_ALIAS_NODES), node.span));
            }
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
        let text = &*self.file.text;
        let mut span = self.lines.point(text, e.marker());
        let info = e.info();
        let tab = info.contains("tab");
        if tab {
            // The parser stops after the tab (or at the end of the line before it): point at the
            // first tab from the start of that line on.
            let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            if let Some(i) = text[line_start..].find('\t') {
                let at = line_start + i;
                let tab_line_start = text[..at].rfind('\n').map_or(0, |nl| nl + 1);
                span = Span {
                    start: at,
                    end: at + 1,
                    line: text[..at].matches('\n').count() + 1,
                    col: text[tab_line_start..at].chars().count() + 1,
                };
            }
        }
        let (label, help) = if tab {
            (
                "a tab".to_owned(),
                "YAML indents with spaces only; replace the tabs with spaces",
            )
        } else {
            (
                info.to_owned(),
                "check the indentation and the quoting on this line and the one before it",
            )
        };
        if info.contains("recursion limit") {
            // The parser's own guard against deep nesting, met before ours.
            return Diagnostic::error(codes::TOO_COMPLEX, "nesting too deep to read")
                .at(self.loc(span))
                .label("too deep")
                .help("no readiness file needs more than a few levels");
        }
        let d = Diagnostic::error(codes::YAML_SYNTAX, format!("malformed YAML: {info}"))
            .at(self.loc(span))
            .label(label);
        // Inside a `[` or `{` opened on an earlier line, the likely mistake is that it was never
        // closed: name the place.
        let open = self
            .stack
            .iter()
            .rev()
            .map(Frame::span)
            .find(|s| self.is_flow(*s) && s.line < span.line);
        match open {
            Some(open) => {
                let bracket = text[open.start..open.end]
                    .trim_end()
                    .chars()
                    .last()
                    .unwrap_or('[');
                let close = if bracket == '{' { '}' } else { ']' };
                d.also(self.loc(open), format!("this `{bracket}` is still open"))
                    .help(format!(
                        "close the `{bracket}` on line {} with `{close}`, or quote the text if the bracket belongs to it",
                        open.line
                    ))
            }
            None => d.help(help),
        }
    }

    /// Whether a collection starting at `span` is written in flow style (`[...]` or `{...}`).
    fn is_flow(&self, span: Span) -> bool {
        // The span may start with an anchor or a tag: `&name [`.
        self.file.text[span.start..span.end]
            .trim_end()
            .ends_with(['[', '{'])
    }

    fn loc(&self, span: Span) -> Location {
        Location {
            file: self.file.path.clone(),
            span,
        }
    }
}

/// Turns the parser's character indices into byte offsets. Checkpoints every [`STEP`] characters
/// keep each lookup short, so a file that is one long line (a flow list of a million items) is
/// still read in linear time.
struct LineIndex {
    /// Byte offset of every `STEP`-th character; empty when the text is ASCII (bytes = chars).
    checkpoints: Vec<usize>,
    ascii: bool,
}

const STEP: usize = 64;

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let ascii = text.is_ascii();
        let checkpoints = if ascii {
            Vec::new()
        } else {
            text.char_indices().step_by(STEP).map(|(i, _)| i).collect()
        };
        LineIndex { checkpoints, ascii }
    }

    /// A span at the parser's `marker`, one character wide when there is one, so a caret has
    /// something to point at.
    fn point(&self, text: &str, marker: &saphyr_parser::Marker) -> Span {
        let start = self.offset(text, marker.index());
        let end = text[start..]
            .chars()
            .next()
            .filter(|c| *c != '\n' && *c != '\r')
            .map_or(start, |c| start + c.len_utf8());
        Span {
            start,
            end,
            line: marker.line().max(1),
            col: marker.col() + 1,
        }
    }

    fn span(&self, text: &str, span: saphyr_parser::Span) -> Span {
        let start = self.offset(text, span.start.index());
        let end = self.offset(text, span.end.index()).max(start);
        Span {
            start,
            end,
            line: span.start.line().max(1),
            col: span.start.col() + 1,
        }
    }

    /// The byte offset of the character at `index`, or the end of the text.
    fn offset(&self, text: &str, index: usize) -> usize {
        if self.ascii {
            return index.min(text.len());
        }
        let Some(&from) = self.checkpoints.get(index / STEP) else {
            return text.len();
        };
        text[from..]
            .char_indices()
            .nth(index % STEP)
            .map_or(text.len(), |(i, _)| from + i)
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

#[cfg(test)]
mod sha_tests {
    use sha2::{Digest, Sha256};

    use super::{from_bytes, hex};

    #[test]
    fn the_hash_is_of_the_bytes_as_read_byte_order_mark_included() {
        for bytes in [&b"ruleset: x\r\n"[..], "\u{feff}ruleset: x\n".as_bytes()] {
            let file = from_bytes("x.yaml".into(), bytes.to_vec(), 1024).unwrap();
            assert_eq!(file.sha256(), hex(&Sha256::digest(bytes)));
        }
    }
}
