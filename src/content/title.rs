//! The one place that decides a page's title (GUIDE §3): front matter `title`, else the first
//! `# ` heading (which is then not repeated in the body), else, for a file without front
//! matter, a short first line of plain text (which is then not repeated either), else the file
//! name made readable.
//!
//! The first-line rule is applied while reading the file, because the line must leave the body
//! before markdown sees it; the heading rule needs the markdown pass, which reports the heading
//! it took. [`settle`] then picks the winner, once every page has rendered.

use crate::words::humanize;

/// Longest first line (in characters) that can be a title.
const MAX_FIRST_LINE: usize = 80;

/// A first line that reads as a title: short plain text (at most 80 characters, no markup, not
/// ending like a sentence or a lead-in: `.`, `!`, `?`, `;`, `,`, `:`), whether a blank line or a
/// single line break follows, unless the next line goes on in lower case (a wrapped sentence).
/// A setext underline under it is taken with it. Returns the line, the body after it, and how
/// many lines were skipped.
pub fn first_line(body: &str) -> Option<(&str, &str, usize)> {
    let leading = body.len() - body.trim_start_matches('\n').len();
    let rest = &body[leading..];
    let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
    let line = line.trim();
    let (next, beyond) = after.split_once('\n').unwrap_or((after, ""));
    let next = next.trim();
    let plain = line.chars().next().is_some_and(char::is_alphanumeric)
        && line.chars().count() <= MAX_FIRST_LINE
        && !line.ends_with(['.', '!', '?', ':', ',', ';', '|', '\\'])
        && !line.contains(['<', '[', '`', '*', '|', '{'])
        && !is_list_item(line)
        && !line.contains("://")
        // A next line in lower case carries on a wrapped sentence: this line is its start.
        && !next.chars().next().is_some_and(char::is_lowercase);
    if !plain {
        return None;
    }
    // A setext underline (`====` or `----`) under the line goes with it.
    let underline = !next.is_empty() && (next.chars().all(|c| c == '=') || next.chars().all(|c| c == '-'));
    Some(if underline { (line, beyond, leading + 2) } else { (line, after, leading + 1) })
}

/// `1. x` or `1) x`: an ordered list item, not a title.
fn is_list_item(line: &str) -> bool {
    let digits = line.find(|c: char| !c.is_ascii_digit()).unwrap_or(line.len());
    digits > 0 && line[digits..].starts_with(['.', ')'])
}

/// True when some line of `body` is an ATX level-1 heading (`# Title`), which outranks a first
/// line.
pub fn has_heading(body: &str) -> bool {
    body.lines().any(|l| {
        l.trim_start_matches(' ').strip_prefix('#').is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']))
    })
}

/// The settled title: the title known before rendering (front matter or first line), else the
/// heading the markdown pass took, else the file name `stem` made readable.
pub fn settle(known: Option<&str>, heading: Option<&str>, stem: &str) -> String {
    known.or(heading).map_or_else(|| humanize(stem), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_lines_that_are_titles() {
        assert_eq!(first_line("Weekly sync\n\nBody"), Some(("Weekly sync", "\nBody", 1)));
        assert_eq!(first_line("This is a sentence.\n\nBody"), None);
        assert_eq!(first_line("# Heading\n\nBody"), None);
        assert_eq!(first_line("Line one\nLine two"), Some(("Line one", "Line two", 1)));
        assert_eq!(first_line("Mentoring is a relationship in which\none person helps another."), None);
        assert_eq!(first_line("Weekly sync\n===========\n\nBody"), Some(("Weekly sync", "\nBody", 2)));
        assert_eq!(first_line("\nWeekly sync\n---\nBody"), Some(("Weekly sync", "Body", 3)));
        assert_eq!(first_line("What makes a good mentor?\n\nBody"), None);
        assert_eq!(first_line("1. First step\n2. Second"), None);
        assert_eq!(first_line("https://example.com/start\n\nBody"), None);
        assert_eq!(first_line("2024 in review\n\nBody").map(|t| t.0), Some("2024 in review"));
        let long = "A".repeat(81);
        assert_eq!(first_line(&format!("{long}\n\nBody")), None);
    }

    #[test]
    fn the_order_of_the_rules() {
        assert_eq!(settle(Some("Front"), Some("Heading"), "file"), "Front");
        assert_eq!(settle(None, Some("Heading"), "file"), "Heading");
        assert_eq!(settle(None, None, "first-meeting"), "First meeting");
        assert!(has_heading("text\n# Title\n"));
        assert!(!has_heading("#hashtag\n"));
    }
}
