//! The content model: every page, section and asset of a site, keyed by content-relative path.
//!
//! [`load::load`] walks `content/`, reads every file, and collects every error before failing,
//! so an author sees all broken files in one run. The resulting [`Library`] knows each page's URL
//! and section; rendering happens later, in parallel, in `site`.

pub mod date;
pub mod front_matter;
pub mod load;
pub mod meta;
pub mod source;
pub mod url;
pub mod walk;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::markdown::{Resolver, Target};
pub use meta::Meta;

/// One markdown file that becomes a page (or a section's own text, for `_index.md`).
#[derive(Debug, Clone)]
pub struct Page {
    /// The file, as shown in messages.
    pub file: PathBuf,
    /// Content-relative source path with `/` separators (`mentors/first-meeting.md`).
    pub rel: String,
    /// Content-relative folder of the source (`mentors`).
    pub dir: String,
    /// Front matter.
    pub meta: Meta,
    /// Markdown after the front matter (and after an inferred title line).
    pub body: String,
    /// 1-based file line where `body` starts.
    pub body_line: usize,
    /// Title known before rendering (front matter, first line, or file name when no heading).
    pub title: Option<String>,
    /// The file name stem, the title of last resort.
    pub stem: String,
    /// Root-relative URL (`mentors/first-meeting/`).
    pub url: String,
    /// Index of the section the page belongs to (for `_index.md`, the section it describes).
    pub section: usize,
}

/// A folder of content: its own text (from `_index.md` or a branch `index.md`) and its children.
#[derive(Debug, Clone)]
pub struct Section {
    /// Content-relative folder (`""` for the top).
    pub dir: String,
    /// Root-relative URL.
    pub url: String,
    /// The page that describes the section, if the folder has one.
    pub index: Option<usize>,
    /// Parent section; `None` for the top.
    pub parent: Option<usize>,
    /// Pages in order (weight, then newest date, then file name).
    pub pages: Vec<usize>,
    /// Child sections in order (weight, then folder name).
    pub subsections: Vec<usize>,
    /// Folder name, the title of last resort.
    pub name: String,
}

/// A non-markdown file copied into the output.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Source file.
    pub source: PathBuf,
    /// Output-relative destination with `/` separators.
    pub out: String,
}

/// Everything under `content/`, resolved to URLs.
#[derive(Debug, Default)]
pub struct Library {
    /// Pages, including section index files, in walk order (stable).
    pub pages: Vec<Page>,
    /// Sections; index 0 is the top.
    pub sections: Vec<Section>,
    /// Files to copy.
    pub assets: Vec<Asset>,
    /// Drafts left out of this build.
    pub drafts_skipped: usize,
    /// Content-relative path → page index, for link resolution.
    by_path: HashMap<String, usize>,
    /// Content-relative folder → section index.
    by_dir: HashMap<String, usize>,
    /// Content-relative asset path → output path.
    asset_by_path: HashMap<String, String>,
    /// Root-relative URL without its trailing `/` → what is there.
    by_url: HashMap<String, Target>,
}

impl Library {
    /// Every page in reading order: a section's own text, then its pages, then its subsections,
    /// depth first from the top.
    pub fn reading_order(&self) -> Vec<usize> {
        let mut order = Vec::with_capacity(self.pages.len());
        let mut stack = vec![0];
        while let Some(s) = stack.pop() {
            let Some(section) = self.sections.get(s) else { continue };
            order.extend(section.index);
            order.extend(section.pages.iter().copied());
            stack.extend(section.subsections.iter().rev());
        }
        order
    }

    /// True when section `s` says `playbook: true`: its pages are ordered steps.
    pub fn is_playbook(&self, s: usize) -> bool {
        self.sections[s].index.is_some_and(|i| self.pages[i].meta.extra.get("playbook").is_some_and(meta::truthy))
    }

    /// True when `page` is the text of a section rather than a page of its own.
    pub fn is_section_index(&self, page: usize) -> bool {
        self.sections[self.pages[page].section].index == Some(page)
    }
}

impl Resolver for Library {
    fn resolve(&self, path: &str) -> Option<Target> {
        let path = path.trim_end_matches('/');
        // `informal-communication/` written next to `informal-communication.md` means that page.
        let page = self.by_path.get(path).or_else(|| self.by_path.get(&format!("{path}.md")));
        if let Some(&page) = page {
            return Some(Target { url: self.pages[page].url.clone(), page: Some(page) });
        }
        if let Some(&section) = self.by_dir.get(path) {
            let s = &self.sections[section];
            return Some(Target { url: s.url.clone(), page: s.index });
        }
        self.asset_by_path.get(path).map(|out| Target { url: out.clone(), page: None })
    }

    fn resolve_url(&self, url: &str) -> Option<Target> {
        self.by_url.get(url.trim_end_matches('/')).cloned()
    }
}

impl Library {
    /// Records every page, section and asset URL for [`Resolver::resolve_url`].
    pub(crate) fn index_urls(&mut self) {
        let key = |url: &str| url.trim_end_matches('/').to_string();
        let pages =
            self.pages.iter().enumerate().map(|(i, p)| (key(&p.url), Target { url: p.url.clone(), page: Some(i) }));
        let sections = self.sections.iter().map(|s| (key(&s.url), Target { url: s.url.clone(), page: s.index }));
        let assets = self.assets.iter().map(|a| (a.out.clone(), Target { url: a.out.clone(), page: None }));
        self.by_url = assets.chain(sections).chain(pages).collect();
    }
}
