//! Heading anchors and the nested table of contents.
//!
//! Anchors follow GitHub's rule (lowercase, spaces to `-`, punctuation dropped) so that links
//! written for a git host keep working on the site; repeats get `-1`, `-2`, … like GitHub.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// One heading in the table of contents, with the headings nested under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// Heading level, 1–6.
    pub level: u8,
    /// Anchor id.
    pub id: String,
    /// Plain text of the heading.
    pub title: String,
    /// Deeper headings until the next one at this level or above.
    pub children: Vec<TocEntry>,
}

/// GitHub-style anchor for a heading's text.
pub fn anchor(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            out.push('-');
        }
    }
    if out.is_empty() { "section".into() } else { out }
}

/// Hands out ids unique within one page.
#[derive(Debug, Default)]
pub struct Anchors {
    seen: HashMap<String, usize>,
}

impl Anchors {
    /// Anchors that treat `taken` (ids the theme uses) as already handed out.
    pub fn reserving(taken: &[&str]) -> Anchors {
        Anchors { seen: taken.iter().map(|t| (t.to_string(), 0)).collect() }
    }

    /// `wanted`, or `wanted-1`, `wanted-2`… if already used on this page.
    pub fn unique(&mut self, wanted: String) -> String {
        let mut candidate = wanted.clone();
        while let Some(n) = self.seen.get(&candidate).copied() {
            self.seen.insert(candidate.clone(), n + 1);
            candidate = format!("{wanted}-{}", n + 1);
        }
        self.seen.insert(candidate.clone(), 0);
        candidate
    }
}

/// Nests a flat list of headings by level.
pub fn nest(flat: Vec<TocEntry>) -> Vec<TocEntry> {
    let mut root: Vec<TocEntry> = Vec::new();
    for entry in flat {
        insert(&mut root, entry);
    }
    root
}

fn insert(list: &mut Vec<TocEntry>, entry: TocEntry) {
    match list.last_mut() {
        Some(last) if last.level < entry.level => insert(&mut last.children, entry),
        _ => list.push(entry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(level: u8, id: &str) -> TocEntry {
        TocEntry { level, id: id.into(), title: id.into(), children: vec![] }
    }

    #[test]
    fn github_anchors() {
        assert_eq!(anchor("Write them down"), "write-them-down");
        assert_eq!(anchor("What's next? (Week 12)"), "whats-next-week-12");
        assert_eq!(anchor("Führung & 领导力"), "führung--领导力");
        assert_eq!(anchor("!!!"), "section");
    }

    #[test]
    fn repeated_anchors_are_numbered() {
        let mut a = Anchors::default();
        let ids: Vec<String> = ["x", "x", "x-1", "x"].iter().map(|s| a.unique(s.to_string())).collect();
        assert_eq!(ids, ["x", "x-1", "x-1-1", "x-2"]);
    }

    #[test]
    fn nests_by_level() {
        let toc = nest(vec![e(2, "a"), e(3, "b"), e(3, "c"), e(2, "d"), e(4, "f")]);
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[0].children.len(), 2);
        assert_eq!(toc[1].children[0].id, "f");
    }
}
