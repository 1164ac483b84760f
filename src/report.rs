//! The one place that prints: diagnostics to stderr, summary and status lines to stdout.
//!
//! Every command and the dev server print through here, so two promises hold everywhere: a
//! closed pipe (`mentorbook build | true`, `mentorbook check 2>&1 | head -1`, `serve | head -2`)
//! never panics and never changes the exit code, because write errors are ignored; and one
//! broken file cannot bury the rest, because at most [`PER_FILE`] diagnostics of one severity
//! are shown for each file, followed by a count of the rest.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Severity};

/// How many errors, and how many warnings, are shown for one file.
pub const PER_FILE: usize = 25;

/// Prints `diagnostics` to stderr in order, at most [`PER_FILE`] of each severity per file,
/// each file's overflow counted on one line after its last shown diagnostic.
pub fn diagnostics(diagnostics: &[Diagnostic]) {
    err(&format(diagnostics));
}

/// The text [`diagnostics`] prints.
pub fn format(diagnostics: &[Diagnostic]) -> String {
    // Files in the order they first come up; within a file, by line and column (messages about
    // the whole file, at line 0, last), however the stages that found them were ordered.
    let mut first_seen: HashMap<&Path, usize> = HashMap::new();
    for d in diagnostics {
        let next = first_seen.len();
        first_seen.entry(d.path.as_path()).or_insert(next);
    }
    let mut ordered: Vec<&Diagnostic> = diagnostics.iter().collect();
    ordered.sort_by_key(|d| (first_seen[d.path.as_path()], d.line == 0, d.line, d.col));
    let mut shown: HashMap<(&Path, Severity), usize> = HashMap::new();
    let mut text = String::new();
    for d in ordered {
        let n = shown.entry((d.path.as_path(), d.severity)).or_default();
        *n += 1;
        if *n <= PER_FILE {
            text.push_str(&d.to_string());
            text.push('\n');
        }
    }
    let mut hidden: Vec<(&Path, Severity, usize)> =
        shown.into_iter().filter(|(_, n)| *n > PER_FILE).map(|((p, s), n)| (p, s, n - PER_FILE)).collect();
    hidden.sort();
    for (path, severity, n) in hidden {
        let what = match severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        text.push_str(&format!("{}: note: {n} more {what}{} in this file not shown\n", path.display(), plural(n)));
    }
    text.trim_end_matches('\n').to_string()
}

/// One line (or several) to stdout.
pub fn out(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{text}");
    let _ = stdout.flush();
}

/// One line (or several) to stderr.
pub fn err(text: &str) {
    if text.is_empty() {
        return;
    }
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{text}");
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflow_is_counted_not_printed() {
        let mut many: Vec<Diagnostic> = (0..PER_FILE + 3).map(|i| Diagnostic::warning("a.md", i + 1, 1, "x")).collect();
        many.push(Diagnostic::error("a.md", 1, 1, "bad"));
        many.push(Diagnostic::warning("b.md", 1, 1, "y"));
        let text = format(&many);
        assert_eq!(text.lines().filter(|l| l.starts_with("a.md:") && l.contains(": warning: x")).count(), PER_FILE);
        assert!(text.contains("a.md:1:1: error: bad"), "{text}");
        assert!(text.contains("b.md:1:1: warning: y"), "{text}");
        assert!(text.ends_with("a.md: note: 3 more warnings in this file not shown"), "{text}");
    }
}

/// `n` with its noun, singular for one: "1 draft", "3 drafts", "0 warnings".
pub fn count(n: usize, one: &str, other: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { other })
}

#[cfg(test)]
mod count_tests {
    #[test]
    fn a_files_messages_come_in_line_order_and_files_in_first_seen_order() {
        let found = [
            crate::diagnostic::Diagnostic::warning("b.md", 9, 1, "late"),
            crate::diagnostic::Diagnostic::error("a.md", 0, 0, "whole file"),
            crate::diagnostic::Diagnostic::error("a.md", 7, 2, "seven"),
            crate::diagnostic::Diagnostic::warning("b.md", 2, 5, "early"),
            crate::diagnostic::Diagnostic::warning("a.md", 3, 1, "three"),
        ];
        let lines: Vec<String> = super::format(&found).lines().map(str::to_string).collect();
        let order: Vec<&str> = lines.iter().map(|l| l.rsplit(": ").next().unwrap_or("")).collect();
        assert_eq!(order, ["early", "late", "three", "seven", "whole file"], "{lines:?}");
    }

    #[test]
    fn one_is_singular() {
        assert_eq!(super::count(1, "draft", "drafts"), "1 draft");
        assert_eq!(super::count(0, "draft", "drafts"), "0 drafts");
        assert_eq!(super::count(2, "error", "errors"), "2 errors");
    }
}
