//! Entry points for the fuzz targets under `fuzz/` (and for the tests that replay their
//! findings): the whole pipeline from bytes, with every diagnostic rendered, never a panic.

use std::sync::{Arc, OnceLock};

use crate::diagnostic::{self, Diagnostic, SourceMap};
use crate::load::SourceFile;
use crate::model::Catalog;
use crate::render::{self, Format, Style};
use crate::tree::Node;
use crate::{load, report, validate};

/// The shipped rule sets, compiled in so a fuzz run needs no files.
const SHIPPED: &[(&str, &str)] = &[
    (
        "rules/intensified-dialogue.yaml",
        include_str!("../rules/intensified-dialogue.yaml"),
    ),
    ("rules/ipap.yaml", include_str!("../rules/ipap.yaml")),
    (
        "rules/pfp-commitments.yaml",
        include_str!("../rules/pfp-commitments.yaml"),
    ),
];

/// Bytes as a rule-set file, joined with the shipped rule sets.
pub fn ruleset(data: &[u8]) {
    let mut diags = Vec::new();
    let mut sources = SourceMap::default();
    let mut rulesets = Vec::new();
    if let Some((file, root)) = parse(data, &mut diags, &mut sources) {
        rulesets.extend(validate::ruleset(&file, &root, &mut diags));
    }
    rulesets.extend(shipped().rulesets.iter().cloned());
    let _ = validate::catalog(rulesets, &mut diags);
    let _ = diagnostic::render(&diags, &sources, false);
}

/// Bytes as an assessment against the shipped rule sets; with `render_all`, a valid one is
/// reported in every format.
pub fn assessment(data: &[u8], render_all: bool) {
    let catalog = shipped();
    let mut diags = Vec::new();
    let mut sources = SourceMap::default();
    if let Some((file, root)) = parse(data, &mut diags, &mut sources)
        && let Some(a) = validate::assessment(&file, &root, catalog, &mut diags)
        && render_all
    {
        let r = report::build(catalog, &a);
        // Every format there is, so a new one is fuzzed without touching this file.
        for format in <Format as clap::ValueEnum>::value_variants() {
            let style = Style {
                color: true,
                width: Some(60),
            };
            let _ = render::render(&r, *format, style);
        }
    }
    let _ = diagnostic::render(&diags, &sources, false);
}

/// Reads and parses bytes as a file named `fuzz.yaml`, keeping its text for diagnostics.
fn parse(
    data: &[u8],
    diags: &mut Vec<Diagnostic>,
    sources: &mut SourceMap,
) -> Option<(SourceFile, Node)> {
    let file = load::from_bytes(
        Arc::from("fuzz.yaml"),
        data.to_vec(),
        load::DEFAULT_MAX_FILE_SIZE,
    )
    .map_err(|d| diags.push(d))
    .ok()?;
    sources.insert(file.path.clone(), file.text.clone());
    match load::parse(&file) {
        Ok(Some(root)) => Some((file, root)),
        Ok(None) => None,
        Err(ds) => {
            diags.extend(ds);
            None
        }
    }
}

/// The shipped catalog, built once.
pub fn shipped() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut diags = Vec::new();
        let mut rulesets = Vec::new();
        for (path, text) in SHIPPED {
            if let Ok(file) = load::from_bytes(Arc::from(*path), text.as_bytes().to_vec(), u64::MAX)
                && let Ok(Some(root)) = load::parse(&file)
            {
                rulesets.extend(validate::ruleset(&file, &root, &mut diags));
            }
        }
        validate::catalog(rulesets, &mut diags)
    })
}
