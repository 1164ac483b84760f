//! Checklists, the roles they are for, and their stable ids (GUIDE §4).
//!
//! A checklist is found while a page's markdown is rendered (see `markdown::checklist`); this
//! module holds what is true of checklists independent of markdown: the roles a site defines and
//! how a piece of text names one, the ids that keep a reader's ticks attached to the right item
//! across builds and machines, and the site-wide collection that feeds the `/checklists/` pages
//! and `checklists.json`.

use serde::{Deserialize, Serialize};

use crate::content::url;

/// A role a checklist can be for (`mentor`, `mentee`, or any the config adds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Stable id, used in `role=`, `roles:` front matter, URLs and `checklists.json`.
    pub id: String,
    /// Human label ("Mentors").
    #[serde(default)]
    pub label: String,
    /// Words that name the role in a heading or lead-in ("mentor", "mentors"), matched whole.
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// The roles a site has when its config names none.
pub fn default_roles() -> Vec<Role> {
    vec![
        Role { id: "mentor".into(), label: "Mentors".into(), keywords: vec!["mentor".into(), "mentors".into()] },
        Role { id: "mentee".into(), label: "Mentees".into(), keywords: vec!["mentee".into(), "mentees".into()] },
    ]
}

/// The role whose keyword appears earliest in `text` as a whole word (case-insensitive), so
/// "Being a good mentor:" names `mentor` and "mentorship" names nothing.
pub fn named_role<'r>(text: &str, roles: &'r [Role]) -> Option<&'r Role> {
    let words = words(text);
    words.iter().find_map(|w| roles.iter().find(|r| r.keywords.iter().any(|k| k.to_lowercase() == *w)))
}

/// Lowercase words of `text`: runs of letters, digits, `-` and `'` (so "mentor's" stays one word
/// and does not name `mentor`, while "mentor," does).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The text an item id is made from: lowercase, whitespace collapsed, so re-wrapping a line or
/// changing case keeps a reader's tick.
pub fn normalize(text: &str) -> String {
    text.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

/// A short stable hash of an item's normalized text (FNV-1a, 8 hex digits).
pub fn item_id(text: &str) -> String {
    format!("{:08x}", url::fnv1a(normalize(text).as_bytes()) as u32)
}

/// A checklist's id: the page's URL path (`mentors/first-meeting`, `index` for the home page),
/// `#`, and the anchor of its heading or lead-in.
pub fn checklist_id(page_url: &str, anchor: &str) -> String {
    let path = page_url.trim_end_matches('/').trim_end_matches("index.html").trim_end_matches('/');
    let path = if path.is_empty() { "index" } else { path };
    format!("{path}#{anchor}")
}

/// Root-relative URL where a checklist's one-sheet print page used to be,
/// `checklists/print/<page path>/<anchor>/`: now a redirect to the checklist on its page.
pub fn sheet_url(id: &str) -> String {
    let (page, anchor) = id.split_once('#').unwrap_or((id, ""));
    format!("checklists/print/{page}/{}/", url::slugify(anchor))
}

/// One item of a checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Stable id ([`item_id`]), unique within its checklist.
    pub id: String,
    /// Plain text.
    pub text: String,
    /// The item's inline HTML (links and emphasis kept), for print pages.
    pub html: String,
    /// Ticked in the source (`- [x]`).
    pub checked: bool,
}

/// A checklist as found in one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checklist {
    /// Stable id ([`checklist_id`]).
    pub id: String,
    /// Anchor on its page (the heading's, the lead-in's, or the fieldset's own).
    pub anchor: String,
    /// The id of an empty element in its form (`print-<anchor>`, unique on the page): a link to
    /// it makes the print stylesheet print only this checklist (`:target`), while a link to
    /// `anchor` prints the whole page as usual.
    pub print_anchor: String,
    /// Heading or lead-in text, else the nearest heading above, else the page title.
    pub title: String,
    /// Role id, or `None` for everyone.
    pub role: Option<String>,
    /// Items in order.
    pub items: Vec<Item>,
    /// 1-based source line of its heading (or of the list, when no heading names it), for
    /// messages.
    pub line: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_match_whole_words_only() {
        let roles = default_roles();
        assert_eq!(named_role("Being a good mentor:", &roles).map(|r| r.id.as_str()), Some("mentor"));
        assert_eq!(named_role("For Mentees", &roles).map(|r| r.id.as_str()), Some("mentee"));
        assert_eq!(named_role("About mentorship:", &roles), None);
        assert_eq!(named_role("Watch out for:", &roles), None);
        assert_eq!(named_role("A mentor's first week", &roles), None);
        assert_eq!(named_role("Mentees and mentors", &roles).map(|r| r.id.as_str()), Some("mentee"));
    }

    #[test]
    fn item_ids_ignore_case_and_wrapping() {
        assert_eq!(item_id("Agree on  a\nmeeting time"), item_id("agree on a meeting time"));
        assert_ne!(item_id("Agree on a meeting time"), item_id("Agree on a meeting place"));
        // Pinned: the same text must give the same id on every machine and in every release,
        // or readers lose their ticks.
        assert_eq!(item_id("X"), "86021707"); // FNV-1a of "x", computed outside Rust
    }

    #[test]
    fn checklist_ids_and_print_urls() {
        assert_eq!(checklist_id("mentors/first-meeting/", "before"), "mentors/first-meeting#before");
        assert_eq!(checklist_id("", "before"), "index#before");
        assert_eq!(checklist_id("a/index.html", "x"), "a#x");
        assert_eq!(sheet_url("mentors/first-meeting#before"), "checklists/print/mentors/first-meeting/before/");
    }
}
