//! Located diagnostics: the one error and warning shape every stage reports.
//!
//! GUIDE §2 promises `path:line:col: message` with a short snippet. Loading collects every
//! problem across all files before failing, so errors are plain values gathered in a list rather
//! than an early-return chain; [`crate::report`] prints them and `main.rs` maps them to exit
//! code 1. A diagnostic also has a [`Kind`], so that `check` can make link warnings errors
//! without reading messages.

use std::fmt;
use std::path::PathBuf;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Severity {
    /// The build fails.
    Error,
    /// The build goes on; the summary counts it.
    Warning,
}

/// What a diagnostic is about, for the commands that treat some kinds differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    /// Anything not listed below.
    #[default]
    General,
    /// A link to a page or file the site does not have.
    BrokenLink,
    /// A link to an anchor its target page does not have.
    BrokenAnchor,
    /// A link to a page that this build leaves out (a draft), written as plain text.
    ExcludedLink,
    /// Something of an excluded page found in the output (`check` only).
    Leak,
    /// A page past its review date (`check` warns; `check --stale` fails).
    Stale,
}

impl Kind {
    /// The kinds `build` warns about and `check` fails on.
    pub fn is_link(self) -> bool {
        matches!(self, Kind::BrokenLink | Kind::BrokenAnchor | Kind::ExcludedLink)
    }
}

/// One problem found in one file, with a 1-based line and column when known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What it is about.
    pub kind: Kind,
    /// The file, as the user would type it (relative to the current directory when possible).
    pub path: PathBuf,
    /// 1-based line, counted from the start of the file; 0 when the whole file is meant.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub col: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The offending source line, shown under the message with a caret.
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// An error at `line:col` of `path`.
    pub fn error(path: impl Into<PathBuf>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            kind: Kind::General,
            path: path.into(),
            line,
            col,
            message: message.into(),
            snippet: None,
        }
    }

    /// A warning at `line:col` of `path`.
    pub fn warning(path: impl Into<PathBuf>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(path, line, col, message) }
    }

    /// The same diagnostic with kind `kind`.
    pub fn with_kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }

    /// The same diagnostic as an error.
    pub fn into_error(mut self) -> Self {
        self.severity = Severity::Error;
        self
    }

    /// Attaches the source line `self.line` of `source` as the snippet.
    pub fn with_snippet_from(mut self, source: &str) -> Self {
        if self.line > 0 {
            self.snippet = source.lines().nth(self.line - 1).map(|l| l.trim_end().to_string());
        }
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.col > 0 {
                write!(f, ":{}", self.col)?;
            }
        }
        write!(f, ": {kind}: {}", self.message)?;
        if let Some(snippet) = &self.snippet {
            let gutter = self.line.to_string();
            write!(f, "\n {gutter} | {snippet}")?;
            let pad = " ".repeat(gutter.len());
            let caret_at = self.col.saturating_sub(1).min(snippet.chars().count());
            write!(f, "\n {pad} | {}^", " ".repeat(caret_at))?;
        }
        Ok(())
    }
}

/// The closest known name to `word`, when it is close enough to be a typo.
pub fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(word, k), *k))
        .filter(|(d, k)| *d > 0 && *d <= if k.len() <= 5 { 1 } else { 2 })
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// 1-based (line, col) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// 1-based (line, col) of a byte offset in bytes that may not be valid UTF-8 (the column counts
/// the characters before it on its line, an invalid byte as one).
pub fn line_col_bytes(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_location_and_caret() {
        let d = Diagnostic::error("content/a.md", 2, 7, "bad date").with_snippet_from("---\ndate: nope\n---");
        assert_eq!(d.to_string(), "content/a.md:2:7: error: bad date\n 2 | date: nope\n   |       ^");
    }

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 0), (1, 1));
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("é\nx", 3), (2, 1));
        assert_eq!(line_col_bytes(b"ab\nc\xffd", 5), (2, 3));
    }
}
