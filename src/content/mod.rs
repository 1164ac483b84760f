//! The content model: every page, section and asset of a site, keyed by content-relative path.
//!
//! [`load::load`] walks `content/`, reads every file, and collects every error before failing,
//! so an author sees all broken files in one run. Which pages a build keeps is decided in one
//! place, [`select::Selection`]; the resulting [`Library`] holds only those, and remembers the
//! left-out ones just enough to recognise a link to one. Pages and sections are addressed by
//! typed ids ([`PageId`], [`SectionId`]); rendering happens later, in parallel, in `site`.

pub mod date;
pub mod front_matter;
pub mod ids;
pub mod load;
pub mod meta;
pub mod plain;
pub mod select;
pub mod source;
pub mod title;
pub mod url;
pub mod walk;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::markdown::{Resolver, Target};
pub use ids::{PageId, SectionId};
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
    /// Markdown after the front matter (and after a first-line title).
    pub body: String,
    /// 1-based file line where `body` starts.
    pub body_line: usize,
    /// Title known before rendering (front matter or first line).
    pub title: Option<String>,
    /// The file name stem, the title of last resort.
    pub stem: String,
    /// Root-relative URL (`mentors/first-meeting/`).
    pub url: String,
    /// The section the page belongs to (for a section's own text, the section it describes).
    pub section: SectionId,
}

/// A folder of content: its own text (from `_index.md` or a branch `index.md`) and its children.
#[derive(Debug, Clone)]
pub struct Section {
    /// Content-relative folder (`""` for the top).
    pub dir: String,
    /// Root-relative URL.
    pub url: String,
    /// The page holding the section's own text, if the folder has one.
    pub own_page: Option<PageId>,
    /// Parent section; `None` for the top.
    pub parent: Option<SectionId>,
    /// Pages in order (weight, then newest date, then file name).
    pub pages: Vec<PageId>,
    /// Child sections in order (weight, then folder name).
    pub subsections: Vec<SectionId>,
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

/// A page or asset this build leaves out, remembered so that links to it are recognised and
/// `check` can prove it is absent.
#[derive(Debug, Clone)]
pub struct Excluded {
    /// The file.
    pub file: PathBuf,
    /// Root-relative URL it would have had.
    pub url: String,
    /// Why it is left out ("a draft").
    pub why: &'static str,
    /// A page (not an asset).
    pub is_page: bool,
}

/// Everything under `content/` this build keeps, resolved to URLs.
#[derive(Debug, Default)]
pub struct Library {
    /// Pages, including section texts, in walk order (stable).
    pub pages: Vec<Page>,
    /// Sections; [`SectionId::ROOT`] is the top.
    pub sections: Vec<Section>,
    /// Files to copy.
    pub assets: Vec<Asset>,
    /// Pages and assets left out of this build, by content-relative path.
    pub excluded: HashMap<String, Excluded>,
    /// Content-relative path → page, for link resolution.
    by_path: HashMap<String, PageId>,
    /// Content-relative folder → section.
    by_dir: HashMap<String, SectionId>,
    /// Content-relative asset path → output path.
    asset_by_path: HashMap<String, String>,
    /// Root-relative URL without its trailing `/` → what is there.
    by_url: HashMap<String, Target>,
    /// Root-relative URLs (without their trailing `/`) of the left-out pages.
    excluded_urls: HashMap<String, String>,
}

impl Library {
    /// The page `id`.
    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id.0]
    }

    /// The section `id`.
    pub fn section(&self, id: SectionId) -> &Section {
        &self.sections[id.0]
    }

    /// Every page id, in library order.
    pub fn page_ids(&self) -> impl Iterator<Item = PageId> + use<> {
        (0..self.pages.len()).map(PageId)
    }

    /// Every section id, the top first.
    pub fn section_ids(&self) -> impl Iterator<Item = SectionId> + use<> {
        (0..self.sections.len()).map(SectionId)
    }

    /// Drafts (and other pages) left out of this build.
    pub fn excluded_pages(&self) -> usize {
        self.excluded.values().filter(|e| e.is_page).count()
    }

    /// How many pages were left out for the reason `why` ("a draft", "for another audience").
    pub fn excluded_for(&self, why: &str) -> usize {
        self.excluded.values().filter(|e| e.is_page && e.why == why).count()
    }

    /// Every page in reading order: a section's own text, then its pages, then its subsections,
    /// depth first from the top.
    pub fn reading_order(&self) -> Vec<PageId> {
        let mut order = Vec::with_capacity(self.pages.len());
        let mut stack = vec![SectionId::ROOT];
        while let Some(s) = stack.pop() {
            let Some(section) = self.sections.get(s.0) else { continue };
            order.extend(section.own_page);
            order.extend(section.pages.iter().copied());
            stack.extend(section.subsections.iter().rev());
        }
        order
    }

    /// True when section `s` says `playbook: true`: its pages are ordered steps.
    pub fn is_playbook(&self, s: SectionId) -> bool {
        self.section(s).own_page.is_some_and(|i| self.page(i).meta.playbook)
    }

    /// True when `page` is the text of a section rather than a page of its own.
    pub fn is_section_text(&self, page: PageId) -> bool {
        self.section(self.page(page).section).own_page == Some(page)
    }

    /// The section, and the sections above it up to the top.
    pub fn section_chain(&self, s: SectionId) -> Vec<SectionId> {
        let mut chain = vec![s];
        while let Some(parent) = self.section(*chain.last().unwrap_or(&SectionId::ROOT)).parent {
            chain.push(parent);
        }
        chain
    }
}

impl Resolver for Library {
    fn resolve(&self, path: &str) -> Option<Target> {
        let path = path.trim_end_matches('/');
        // `informal-communication/` written next to `informal-communication.md` means that page.
        let page = self.by_path.get(path).or_else(|| self.by_path.get(&format!("{path}.md")));
        if let Some(&page) = page {
            return Some(Target { url: self.page(page).url.clone(), page: Some(page) });
        }
        if let Some(&section) = self.by_dir.get(path) {
            let s = self.section(section);
            return Some(Target { url: s.url.clone(), page: s.own_page });
        }
        self.asset_by_path.get(path).map(|out| Target { url: out.clone(), page: None })
    }

    fn resolve_url(&self, url: &str) -> Option<Target> {
        self.by_url.get(url.trim_end_matches('/')).cloned()
    }

    fn excluded(&self, path: &str) -> Option<&'static str> {
        let path = path.trim_end_matches('/');
        // A folder is left out when the file that describes it is.
        let candidates = [String::new(), ".md".into(), "/_index.md".into(), "/index.md".into(), "/README.md".into()];
        candidates.iter().find_map(|ext| self.excluded.get(&format!("{path}{ext}"))).map(|e| e.why)
    }

    fn resolve_post(&self, name: &str) -> Option<Target> {
        let name = post_name(name);
        self.pages.iter().enumerate().find_map(|(i, p)| {
            (file_stem(&p.rel) == name).then(|| Target { url: p.url.clone(), page: Some(PageId(i)) })
        })
    }

    fn unique_name(&self, name: &str) -> Option<String> {
        let name = name.trim_matches('/');
        if name.is_empty() {
            return None;
        }
        let (md, slash) = (format!("/{name}.md"), format!("/{name}"));
        let mut hits = self.by_path.keys().filter(|p| p.ends_with(&slash) || p.ends_with(&md));
        let first = hits.next()?;
        hits.next().is_none().then(|| first.clone())
    }

    fn post_left_out(&self, name: &str) -> Option<String> {
        let name = post_name(name);
        let mut left_out: Vec<_> =
            self.excluded.iter().filter(|(rel, e)| e.is_page && file_stem(rel) == name).collect();
        left_out.sort_by(|a, b| a.0.cmp(b.0));
        left_out.first().map(|(_, e)| e.url.clone())
    }

    fn excluded_url(&self, url: &str) -> Option<&'static str> {
        self.excluded_urls.get(url.trim_end_matches('/')).map(|rel| self.excluded[rel].why)
    }
}

/// A `post_url` name without its extension.
fn post_name(name: &str) -> &str {
    name.trim().trim_end_matches(".md").trim_end_matches(".markdown")
}

/// The file name of a content path, without its extension.
fn file_stem(rel: &str) -> &str {
    let file = rel.rsplit('/').next().unwrap_or(rel);
    file.rsplit_once('.').map_or(file, |(s, _)| s)
}

impl Library {
    /// Feeds `feed` everything [`Resolver`]'s answers depend on, in a stable order, so that
    /// rendered markdown cached under it is rendered again when any answer could differ. (Keep
    /// it next to the impl above: a new field it reads must be fed here too.)
    pub fn resolver_fingerprint(&self, feed: &mut dyn FnMut(&str)) {
        fn sorted<V>(map: &HashMap<String, V>) -> Vec<(&String, &V)> {
            let mut entries: Vec<(&String, &V)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            entries
        }
        for (path, page) in sorted(&self.by_path) {
            feed(&format!("p {path} {} {}", page.0, self.page(*page).url));
        }
        for (dir, s) in sorted(&self.by_dir) {
            let sec = self.section(*s);
            feed(&format!("s {dir} {} {} {:?}", s.0, sec.url, sec.own_page.map(|p| p.0)));
        }
        for (path, out) in sorted(&self.asset_by_path) {
            feed(&format!("a {path} {out}"));
        }
        for (rel, e) in sorted(&self.excluded) {
            feed(&format!("x {rel} {} {}", e.url, e.why));
        }
        for (url, rel) in sorted(&self.excluded_urls) {
            feed(&format!("u {url} {rel}"));
        }
        for (url, t) in sorted(&self.by_url) {
            feed(&format!("t {url} {} {:?}", t.url, t.page.map(|p| p.0)));
        }
    }

    /// Records every page, section and asset URL for [`Resolver::resolve_url`].
    pub(crate) fn index_urls(&mut self) {
        let key = |url: &str| url.trim_end_matches('/').to_string();
        let pages =
            self.page_ids().map(|i| (key(&self.page(i).url), Target { url: self.page(i).url.clone(), page: Some(i) }));
        let sections = self.sections.iter().map(|s| (key(&s.url), Target { url: s.url.clone(), page: s.own_page }));
        let assets = self.assets.iter().map(|a| (a.out.clone(), Target { url: a.out.clone(), page: None }));
        self.by_url = assets.chain(sections).chain(pages).collect();
        self.excluded_urls = self.excluded.iter().map(|(rel, e)| (key(&e.url), rel.clone())).collect();
        // A URL something included answers is not excluded, whatever else once had it.
        let by_url = &self.by_url;
        self.excluded_urls.retain(|url, _| !by_url.contains_key(url));
    }
}
