//! `readiness init`: a skeleton assessment listing every criterion of the chosen rule sets,
//! with its title, scale or unit and guidance as comments, ready to fill in. The skeleton is
//! valid as written (every rating is commented out, so every criterion is "not assessed").

use std::fmt::Write;

use crate::date::Date;
use crate::model::{Measure, RuleSet};

/// The skeleton text. `schema` is the `$schema` path for the editor modeline, if any.
pub fn skeleton(rulesets: &[&RuleSet], country: &str, as_of: Date, schema: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(schema) = schema {
        let _ = writeln!(out, "# yaml-language-server: $schema={schema}");
        out.push_str("#\n");
    }
    out.push_str(
        "# Assessment skeleton written by `readiness init`. For each criterion, uncomment its block and\n\
         # give exactly one of `level:` (level criteria), `value:` (indicators) or `not_applicable: <why>`,\n\
         # with `evidence:` (what was observed) and `sources:`. A criterion left commented out is\n\
         # \"not assessed\". Check the file with `readiness validate FILE`, score it with `readiness score FILE`.\n",
    );
    let _ = writeln!(out, "country: {}", quote(country));
    let _ = writeln!(out, "as_of: {as_of}");
    let ids: Vec<&str> = rulesets.iter().map(|r| r.id.as_str()).collect();
    let _ = writeln!(out, "rulesets: [{}]", ids.join(", "));
    out.push_str("assessors: []\n");
    out.push_str("notes:\n");
    out.push_str("ratings:\n");
    for r in rulesets {
        let _ = writeln!(
            out,
            "  # ======== {}: {} (version {}) ========",
            r.id, r.title, r.version
        );
        let labels: Vec<String> = r
            .scale
            .labels
            .iter()
            .map(|(l, t)| format!("{l} {t}"))
            .collect();
        let _ = writeln!(
            out,
            "  # Levels {}..{}{}.",
            r.scale.min,
            r.scale.max,
            if labels.is_empty() {
                String::new()
            } else {
                format!(": {}", labels.join(", "))
            }
        );
        for b in &r.benchmarks {
            out.push_str("  #\n");
            let _ = writeln!(
                out,
                "  # ---- {} {} (weight {}) ----",
                b.id,
                b.title,
                b.weight.normalize()
            );
            for c in &b.criteria {
                out.push_str("  #\n");
                let required = if c.required { ", REQUIRED" } else { "" };
                match &c.measure {
                    Measure::Level { target } => {
                        let _ = writeln!(
                            out,
                            "  # {} {} (level {}..{}, target {target}{required})",
                            c.id, c.title, r.scale.min, r.scale.max
                        );
                        for (level, text) in &c.guidance {
                            let label = r
                                .scale
                                .label(*level)
                                .map(|l| format!(" {l}"))
                                .unwrap_or_default();
                            let _ = writeln!(out, "  #   {level}{label}: {}", one_line(text));
                        }
                        let _ = writeln!(out, "  # {}:\n  #   level:", c.id);
                    }
                    Measure::Indicator {
                        unit,
                        floor,
                        target,
                    } => {
                        let _ = writeln!(
                            out,
                            "  # {} {} (indicator in {unit}: {} scores 0, {} is met{required})",
                            c.id,
                            c.title,
                            floor.normalize(),
                            target.normalize()
                        );
                        let _ = writeln!(out, "  # {}:\n  #   value:", c.id);
                    }
                }
                out.push_str("  #   evidence: \n  #   sources: []\n  #   confidence: medium\n");
            }
        }
    }
    out
}

/// A YAML scalar for `text`: plain when safe, else double-quoted with escapes.
fn quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '\''))
        && !text.starts_with(['-', ' ', '\''])
        && !text.ends_with(' ')
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "null" | "true" | "false" | "yes" | "no" | "~"
        );
    if plain {
        return text.to_owned();
    }
    let mut q = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(q, "\\u{:04x}", u32::from(c));
            }
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(quote("Testland"), "Testland");
        assert_eq!(quote("Bosnia and Herzegovina"), "Bosnia and Herzegovina");
        assert_eq!(quote("Côte d'Ivoire"), "Côte d'Ivoire");
        assert_eq!(quote("null"), "\"null\"");
        assert_eq!(quote("a: b"), "\"a: b\"");
        assert_eq!(quote("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
        assert_eq!(quote("# not a comment"), "\"# not a comment\"");
    }
}
