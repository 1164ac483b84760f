//! The handbook's navigation: its tree for the sidebar and the book order that previous and
//! next follow.
//!
//! Book order is the order of the print page and the sidebar: a section's list page, its pages,
//! then its subsections, depth first. Previous and next are found by walking the library from
//! the page (a few steps up and down the tree), never from a list of every page, so a page
//! costs the same however big the site is. A playbook's steps lead only to each other.
//!
//! The tree is written once, as `toc.js` (see [`crate::site::outputs::toc`]), instead of into
//! every page, so the output grows with the pages and not with their square, and a title edit
//! re-renders that one file rather than every page.

use serde_json::{Value, json};

use super::Views;
use crate::content::{PageId, SectionId};
use crate::render::views::Link;

/// A place in book order: a section's list page or a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A section's (first) list page; the top is the home page.
    Section(SectionId),
    /// A page that is not a section's own text.
    Page(PageId),
}

impl Views<'_> {
    /// The entries before and after `at` in book order, as links.
    pub fn prev_next(&self, at: Entry) -> (Option<Link>, Option<Link>) {
        (self.before(at).map(|e| self.entry_link(e)), self.after(at).map(|e| self.entry_link(e)))
    }

    /// The entries just before and just after `at` and everything under it, in book order:
    /// the entries whose previous or next link leads to that stretch of the book.
    pub fn around(&self, at: Entry) -> [Option<Entry>; 2] {
        let last = match at {
            Entry::Section(s) => self.last_under(s),
            Entry::Page(_) => at,
        };
        [self.before(at), self.after(last)]
    }

    /// The link to entry `e`.
    fn entry_link(&self, e: Entry) -> Link {
        match e {
            Entry::Page(i) => {
                Link { title: self.titles.page(i).to_string(), url: self.link(&self.library.page(i).url) }
            }
            Entry::Section(s) => {
                let title = if s == SectionId::ROOT {
                    self.config.strings.get("home").to_string()
                } else {
                    self.titles.section(s).to_string()
                };
                Link { title, url: self.link(&self.library.section(s).url) }
            }
        }
    }

    /// The entry after `at`: a section's first page, else its first subsection; after a page,
    /// the next page of its section, else what follows the section's pages.
    fn after(&self, at: Entry) -> Option<Entry> {
        let lib = self.library;
        match at {
            Entry::Page(i) => {
                let s = lib.page(i).section;
                let pages = &lib.section(s).pages;
                let pos = pages.iter().position(|&x| x == i)?;
                if let Some(&n) = pages.get(pos + 1) {
                    return Some(Entry::Page(n));
                }
                if lib.is_playbook(s) {
                    return None;
                }
                lib.section(s).subsections.first().map(|&c| Entry::Section(c)).or_else(|| self.after_subtree(s))
            }
            Entry::Section(s) => {
                let sec = lib.section(s);
                sec.pages
                    .first()
                    .map(|&p| Entry::Page(p))
                    .or_else(|| sec.subsections.first().map(|&c| Entry::Section(c)))
                    .or_else(|| self.after_subtree(s))
            }
        }
    }

    /// What follows section `s` and everything under it: its next sibling, else its parent's.
    fn after_subtree(&self, s: SectionId) -> Option<Entry> {
        let lib = self.library;
        let mut cur = s;
        while let Some(parent) = lib.section(cur).parent.filter(|_| cur != SectionId::ROOT) {
            let subs = &lib.section(parent).subsections;
            if let Some(&sib) = subs.iter().position(|&x| x == cur).and_then(|k| subs.get(k + 1)) {
                return Some(Entry::Section(sib));
            }
            cur = parent;
        }
        None
    }

    /// The entry before `at`.
    fn before(&self, at: Entry) -> Option<Entry> {
        let lib = self.library;
        match at {
            Entry::Page(i) => {
                let s = lib.page(i).section;
                let pages = &lib.section(s).pages;
                match pages.iter().position(|&x| x == i)? {
                    0 if lib.is_playbook(s) => None,
                    0 => Some(Entry::Section(s)),
                    k => Some(Entry::Page(pages[k - 1])),
                }
            }
            Entry::Section(s) if s == SectionId::ROOT => None,
            Entry::Section(s) => {
                let parent = lib.section(s).parent?;
                let psec = lib.section(parent);
                match psec.subsections.iter().position(|&x| x == s)? {
                    0 => Some(psec.pages.last().map_or(Entry::Section(parent), |&p| Entry::Page(p))),
                    k => Some(self.last_under(psec.subsections[k - 1])),
                }
            }
        }
    }

    /// The last entry of section `s` and everything under it.
    fn last_under(&self, s: SectionId) -> Entry {
        let sec = self.library.section(s);
        match (sec.subsections.last(), sec.pages.last()) {
            (Some(&c), _) => self.last_under(c),
            (None, Some(&p)) => Entry::Page(p),
            (None, None) => Entry::Section(s),
        }
    }

    /// The handbook's tree under the home page, in book order, as compact JSON: a page is
    /// `[title, url]`, a section `[title, url, [children…]]`, urls as links are written.
    pub fn toc_tree(&self) -> Value {
        Value::Array(self.toc_children(SectionId::ROOT))
    }

    fn toc_children(&self, s: SectionId) -> Vec<Value> {
        let lib = self.library;
        let sec = lib.section(s);
        let pages = sec.pages.iter().map(|&i| json!([self.titles.page(i), self.link(&lib.page(i).url)]));
        let subs = sec.subsections.iter().map(|&c| {
            json!([self.titles.section(c), self.link(&lib.section(c).url), Value::Array(self.toc_children(c))])
        });
        pages.chain(subs).collect()
    }
}
