//! Located diagnostics: the one error and warning shape every stage reports.
//!
//! GUIDE §2 promises `path:line:col: message` with a short snippet. Loading collects every
//! problem across all files before failing, so errors are plain values gathered in a list rather
//! than an early-return chain; `main.rs` prints them and maps them to exit code 1.

use std::fmt;
use std::path::PathBuf;

/// How every broken-link warning starts: `build` warns, `check` fails on these.
pub const BROKEN_LINK: &str = "link to a missing";

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The build fails.
    Error,
    /// The build goes on; the summary counts it.
    Warning,
}

/// One problem found in one file, with a 1-based line and column when known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
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
        Self { severity: Severity::Error, path: path.into(), line, col, message: message.into(), snippet: None }
    }

    /// A warning at `line:col` of `path`.
    pub fn warning(path: impl Into<PathBuf>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(path, line, col, message) }
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

/// 1-based (line, col) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
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
    }
}
