//! The span-carrying document tree that [`crate::load`] builds from YAML, and the typed readers
//! [`crate::validate`] uses on it.
//!
//! Every reader reports a problem as a [`Diagnostic`] and returns `None`, so validation carries on
//! and a run reports every problem of a file, not only the first.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Location, Span, closest, codes};

/// A node of a YAML document: a scalar, a sequence or a mapping, with where it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A scalar's text as written (after YAML unescaping); `quoted` when it had quotes or was a
    /// block scalar, so `"null"` stays text.
    Scalar {
        text: String,
        quoted: bool,
    },
    Seq(Vec<Node>),
    /// Entries in file order. Keys are unique (the loader rejects duplicates).
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// An empty value: `~`, `null`, or nothing after the colon.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, quoted: false }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The scalar text, when this is a scalar.
    pub fn scalar(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    fn kind(&self) -> &'static str {
        match &self.value {
            _ if self.is_null() => "nothing",
            Value::Scalar { .. } => "a single value",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The JSON a YAML 1.2 core-schema reader would see: plain `true`/`false` are booleans,
    /// plain numbers are numbers, plain `~`/`null`/empty are null, everything else is text.
    /// Used to check files against their JSON Schemas.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            _ if self.is_null() => J::Null,
            Value::Scalar {
                text,
                quoted: false,
            } => match text.as_str() {
                "true" => J::Bool(true),
                "false" => J::Bool(false),
                t if t
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_digit() || b == b'-' || b == b'+') =>
                {
                    serde_json::from_str::<serde_json::Number>(t.trim_start_matches('+'))
                        .map_or_else(|_| J::String(text.clone()), J::Number)
                }
                _ => J::String(text.clone()),
            },
            Value::Scalar { text, .. } => J::String(text.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.scalar().unwrap_or_default().to_owned(), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// Number of nodes in this subtree (itself included).
    pub fn size(&self) -> usize {
        1 + match &self.value {
            Value::Scalar { .. } => 0,
            Value::Seq(items) => items.iter().map(Node::size).sum(),
            Value::Map(entries) => entries.iter().map(|(k, v)| k.size() + v.size()).sum(),
        }
    }
}

/// A value read from a file, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// The file being read and the diagnostics found so far.
pub struct Cx<'d> {
    pub file: Arc<str>,
    pub diags: &'d mut Vec<Diagnostic>,
}

impl Cx<'_> {
    pub fn loc(&self, span: Span) -> Location {
        Location {
            file: self.file.clone(),
            span,
        }
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Pushes an error at `span`.
    pub fn error(
        &mut self,
        code: &'static str,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let d = Diagnostic::error(code, message).at(self.loc(span));
        self.diags.push(d);
        let last = self.diags.len() - 1;
        #[expect(
            clippy::indexing_slicing,
            reason = "the diagnostic was pushed on the line above, so `last` exists"
        )]
        &mut self.diags[last]
    }

    fn wrong_type(&mut self, node: &Node, what: &str, expected: &str) {
        let found = node.kind();
        let d = self.error(
            codes::WRONG_TYPE,
            node.span,
            format!("{what} must be {expected}"),
        );
        d.label = Some(format!("found {found}"));
        d.help = Some(
            match expected {
                "a list" => "write a list as `[a, b]`, or as lines starting with `- `",
                "text" => "write a single value; quote it if it starts with `[`, `{` or `&`",
                "a number" => "write a plain number such as 2.5",
                "a whole number" => "write a whole number such as 3",
                "plain text" => "keys are plain words or ids such as `level` or `ID-1.2`",
                _ => "write `key: value` pairs, each on its own line and indented under this one",
            }
            .to_owned(),
        );
    }

    /// A mapping with exactly the keys `known` allows; unknown keys are reported with the closest
    /// known key suggested.
    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        known: &[&'static str],
    ) -> Option<Fields<'n>> {
        let Value::Map(entries) = &node.value else {
            self.wrong_type(node, what, "a mapping of keys to values");
            return None;
        };
        let mut ok = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            let Some(name) = key.scalar() else {
                self.wrong_type(key, "a key", "plain text");
                continue;
            };
            if known.contains(&name) {
                ok.push((name, key, value));
            } else {
                let help = match closest(name, known.iter().copied()) {
                    Some(k) => format!("did you mean `{k}`?"),
                    None => format!("known keys here: {}", known.join(", ")),
                };
                let d = self.error(
                    codes::UNKNOWN_KEY,
                    key.span,
                    format!("unknown key `{name}` in {what}"),
                );
                d.label = Some("not a key of this format".into());
                d.help = Some(help);
            }
        }
        Some(Fields { node, entries: ok })
    }

    /// A mapping whose keys are free text (ids, levels), in file order.
    pub fn entries<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
    ) -> Option<Vec<(Spanned<&'n str>, &'n Node)>> {
        let Value::Map(entries) = &node.value else {
            if node.is_null() {
                return Some(Vec::new());
            }
            self.wrong_type(node, what, "a mapping");
            return None;
        };
        let mut out = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            match key.scalar() {
                Some(k) => out.push((
                    Spanned {
                        value: k,
                        span: key.span,
                    },
                    value,
                )),
                None => self.wrong_type(key, "a key", "plain text"),
            }
        }
        Some(out)
    }

    /// The items of a list (`null` is an empty list).
    pub fn seq<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            _ if node.is_null() => Some(&[]),
            _ => {
                self.wrong_type(node, what, "a list");
                None
            }
        }
    }

    /// Any text, not empty.
    pub fn text(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::Scalar { text, .. } if !node.is_null() && !text.trim().is_empty() => {
                Some(text.clone())
            }
            Value::Scalar { .. } => {
                let d = self.error(
                    codes::INVALID_VALUE,
                    node.span,
                    format!("{what} must not be empty"),
                );
                d.label = Some("empty".into());
                d.help = Some("write some text here, or remove the key if it is optional".into());
                None
            }
            _ => {
                self.wrong_type(node, what, "text");
                None
            }
        }
    }

    /// Text that is optional: `null` gives `None` without a diagnostic.
    pub fn opt_text(&mut self, node: Option<&Node>, what: &str) -> Option<String> {
        node.filter(|n| !n.is_null())
            .and_then(|n| self.text(n, what))
    }

    /// A list of non-empty texts, each with its place.
    pub fn text_list(&mut self, node: Option<&Node>, what: &str) -> Vec<Spanned<String>> {
        let Some(node) = node else { return Vec::new() };
        let Some(items) = self.seq(node, what) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| {
                self.text(item, &format!("an item of {what}"))
                    .map(|value| Spanned {
                        value,
                        span: item.span,
                    })
            })
            .collect()
    }

    /// An exact decimal, read from the scalar's own text (never through a float). Refuses NaN,
    /// infinities, and magnitudes beyond `1e15`, which no benchmark needs and which could overflow
    /// the arithmetic.
    pub fn decimal(&mut self, node: &Node, what: &str) -> Option<Decimal> {
        let Value::Scalar { text, quoted } = &node.value else {
            self.wrong_type(node, what, "a number");
            return None;
        };
        let t = text.trim();
        let lower = t.to_ascii_lowercase();
        if *quoted {
            // "1.5" in quotes is text to YAML and to every schema-aware editor; accepting it here
            // would make the file mean different things to different readers.
            let d = self.error(
                codes::WRONG_TYPE,
                node.span,
                format!("{what} must be a number, not text"),
            );
            d.label = Some(format!("found quoted text `{t}`"));
            d.help = Some(format!("remove the quotes: write {t}"));
            return None;
        }
        let (message, label, help) = if matches!(
            lower.trim_start_matches(['+', '-']),
            ".nan" | "nan" | ".inf" | "inf" | "infinity"
        ) {
            (
                format!("{what} must be a finite number"),
                format!("found `{t}`"),
                "write an ordinary number such as 2.5",
            )
        } else if node.is_null() || t.is_empty() {
            (
                format!("{what} must be a number"),
                "found nothing".to_owned(),
                "write a number after the colon, such as 2.5",
            )
        } else if !is_decimal_syntax(t) {
            (
                format!("{what} must be a decimal number such as 2.5"),
                format!("found `{t}`"),
                "write plain decimal digits with an optional `.` and sign: 2, 0.5, -1.25",
            )
        } else {
            match parse_decimal(t) {
                Some(d) if d.abs() <= Decimal::from(1_000_000_000_000_000_i64) => return Some(d),
                Some(_) => (
                    format!("{what} is absurdly large"),
                    "beyond 10^15".to_owned(),
                    NUMBER_RANGE_HELP,
                ),
                None => (
                    format!("{what} is beyond the range of exact decimals"),
                    "beyond decimal range".to_owned(),
                    NUMBER_RANGE_HELP,
                ),
            }
        };
        let d = self.error(codes::INVALID_NUMBER, node.span, message);
        d.label = Some(label);
        d.help = Some(help.to_owned());
        None
    }

    /// A whole number.
    pub fn integer(&mut self, node: &Node, what: &str) -> Option<i64> {
        if !matches!(node.value, Value::Scalar { .. }) {
            self.wrong_type(node, what, "a whole number");
            return None;
        }
        let d = self.decimal(node, what)?;
        if !d.fract().is_zero() {
            let t = node.scalar().unwrap_or_default().to_owned();
            let d = self.error(
                codes::INVALID_NUMBER,
                node.span,
                format!("{what} must be a whole number"),
            );
            d.label = Some(format!("`{t}` is fractional"));
            d.help = Some("write a whole number such as 3".into());
            return None;
        }
        i64::try_from(d).ok()
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        match node.scalar() {
            Some("true") => Some(true),
            Some("false") => Some(false),
            _ => {
                let d = self.error(
                    codes::WRONG_TYPE,
                    node.span,
                    format!("{what} must be true or false"),
                );
                d.label = Some(match node.scalar() {
                    Some(t) if !node.is_null() => format!("found `{t}`"),
                    _ => format!("found {}", node.kind()),
                });
                d.help = Some("write `true` or `false`, in lowercase".into());
                None
            }
        }
    }

    /// A real calendar date, `YYYY-MM-DD`.
    pub fn date(&mut self, node: &Node, what: &str) -> Option<Date> {
        let text = node.scalar().unwrap_or_default().trim();
        match Date::parse(text) {
            Some(d) => Some(d),
            None => {
                let d = self.error(
                    codes::INVALID_DATE,
                    node.span,
                    format!("{what} must be a real calendar date, YYYY-MM-DD"),
                );
                let shaped = text.len() == 10
                    && text.bytes().enumerate().all(|(i, b)| {
                        if i == 4 || i == 7 {
                            b == b'-'
                        } else {
                            b.is_ascii_digit()
                        }
                    });
                d.label = Some(match node.scalar() {
                    Some(_) if shaped => format!("`{text}` is not a day of the calendar"),
                    Some(_) if !node.is_null() => format!("found `{text}`"),
                    _ => format!("found {}", node.kind()),
                });
                d.help = Some(
                    "write year-month-day with a day the month has, for example 2008-03-31".into(),
                );
                None
            }
        }
    }

    /// One word of `allowed`.
    pub fn word<T: Copy>(
        &mut self,
        node: &Node,
        what: &str,
        allowed: &[(&'static str, T)],
    ) -> Option<T> {
        let text = node.scalar().unwrap_or_default();
        if let Some((_, v)) = allowed.iter().find(|(w, _)| *w == text) {
            return Some(*v);
        }
        let words: Vec<&str> = allowed.iter().map(|(w, _)| *w).collect();
        let help = match closest(text, words.iter().copied()) {
            Some(w) => format!("did you mean `{w}`?"),
            None => format!("one of: {}", words.join(", ")),
        };
        let d = self.error(
            codes::INVALID_VALUE,
            node.span,
            format!("{what} must be one of {}", words.join(", ")),
        );
        d.label = Some(format!(
            "found {}",
            if node.scalar().is_some() {
                format!("`{text}`")
            } else {
                node.kind().to_owned()
            }
        ));
        d.help = Some(help);
        None
    }
}

const NUMBER_RANGE_HELP: &str =
    "numbers here are at most 10^15 in size, with at most 28 digits after the point";

/// Whether `t` is written as a YAML decimal: `[-+]? (.digits | digits[.digits]) ([eE][-+]?digits)?`.
fn is_decimal_syntax(t: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let mantissa = mantissa.strip_prefix(['+', '-']).unwrap_or(mantissa);
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => {
            (int.is_empty() || digits(int))
                && (frac.is_empty() || digits(frac))
                && !(int.is_empty() && frac.is_empty())
        }
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

/// Parses text that [`is_decimal_syntax`] accepted; `None` when it is beyond what a decimal
/// holds exactly.
fn parse_decimal(t: &str) -> Option<Decimal> {
    let t = t.strip_prefix('+').unwrap_or(t);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i..])),
        None => (t, None),
    };
    // rust_decimal's scientific parser wants digits on both sides of the point.
    let (sign, digits) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let digits = digits.strip_suffix('.').unwrap_or(digits);
    let zero = if digits.starts_with('.') { "0" } else { "" };
    match exponent {
        None => Decimal::from_str_exact(&format!("{sign}{zero}{digits}")).ok(),
        Some(e) => Decimal::from_scientific(&format!("{sign}{zero}{digits}{e}")).ok(),
    }
}

/// The known keys of one mapping, looked up by name.
pub struct Fields<'n> {
    pub node: &'n Node,
    entries: Vec<(&'n str, &'n Node, &'n Node)>,
}

impl<'n> Fields<'n> {
    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, ..)| *k == key)
            .map(|(_, _, v)| *v)
    }

    /// The value of `key`, reporting its absence.
    pub fn required(&self, cx: &mut Cx<'_>, key: &str, what: &str) -> Option<&'n Node> {
        let found = self.get(key);
        if found.is_none() {
            let d = cx.error(
                codes::MISSING_KEY,
                self.node.span,
                format!("{what} has no `{key}`"),
            );
            d.label = Some(format!("`{key}` is required here"));
            let noun = what
                .strip_prefix("an ")
                .or_else(|| what.strip_prefix("a "))
                .unwrap_or(what);
            d.help = Some(format!("add `{key}:` with its value to this {noun}"));
        }
        found
    }

    /// The place of the key `key`, for diagnostics about the entry as a whole.
    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.entries
            .iter()
            .find(|(k, ..)| *k == key)
            .map(|(_, k, _)| k.span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_read_exactly_from_their_text() {
        let d = |t: &str| parse_decimal(t).map(|d| d.to_string());
        for (text, value) in [
            ("2", "2"),
            ("+2.50", "2.50"),
            ("-0.5", "-0.5"),
            (".5", "0.5"),
            ("-.5", "-0.5"),
            ("5.", "5"),
            ("1.5e3", "1500"),
            ("1E2", "100"),
            ("-2.5e-1", "-0.25"),
            ("1.e1", "10"),
            ("007", "7"),
        ] {
            assert!(is_decimal_syntax(text), "{text}");
            assert_eq!(d(text).as_deref(), Some(value), "{text}");
        }
    }

    #[test]
    fn numbers_beyond_decimal_range_are_syntax_but_not_values() {
        for text in ["99999999999999999999999999999999", "1e400", "1e-30"] {
            assert!(is_decimal_syntax(text), "{text}");
            assert_eq!(parse_decimal(text), None, "{text}");
        }
    }

    #[test]
    fn other_texts_are_not_decimals() {
        for text in [
            "", ".", "-", "e5", "1e", "1e+", "0x10", "1_000", "1,5", "1.2.3", "--1", "+-1", "abc",
            "½", "١",
        ] {
            assert!(!is_decimal_syntax(text), "{text}");
        }
    }
}
