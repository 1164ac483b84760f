//! Building what templates see: the one place that turns the library, the rendered markdown
//! and the titles into the serialize-only view structs of [`crate::render::views`].
//!
//! Every output module asks these for its values (a page as listed, a link, a pager, a
//! checklist), so one page looks the same on every page that shows it. Links are
//! root-relative here; templates prefix them with `root`, the way back from the page being
//! rendered.

mod checklists;
mod governance;
mod nav;
mod pages;

pub use nav::Entry;

use crate::config::Config;
use crate::content::{Library, Meta, PageId, SectionId, url};
use crate::markdown::Rendered;
use crate::markdown::highlight::escape_html;
use crate::render::views::{Link, PageRef, Pager, PagerLink, SectionRef, TermLinks};
use crate::words::humanize;

use super::paginate;
use super::relink;
use super::titles::Titles;

/// Views over one rendered site.
pub struct Views<'a> {
    /// The config.
    pub config: &'a Config,
    /// The library.
    pub library: &'a Library,
    /// Every page's rendered markdown.
    pub rendered: &'a [Rendered],
    /// Settled titles.
    pub titles: &'a Titles,
}

impl<'a> Views<'a> {
    /// Views over one rendered site.
    pub fn new(config: &'a Config, library: &'a Library, rendered: &'a [Rendered], titles: &'a Titles) -> Self {
        Views { config, library, rendered, titles }
    }
}

impl Views<'_> {
    /// Page `i`'s rendered markdown.
    pub fn rendered(&self, i: PageId) -> &Rendered {
        &self.rendered[i.0]
    }

    /// Absolute URL from `base_url`, or empty without one.
    pub fn permalink(&self, url: &str) -> String {
        if self.config.base_url.is_empty() {
            String::new()
        } else {
            format!("{}{}", self.config.base_url, url::encode_path(url))
        }
    }

    /// `url` as written in a link: `index.html` form when configured, percent-encoded.
    pub fn link(&self, url: &str) -> String {
        url::encode_path(&url::link_form(url, self.config.link_to_index_html))
    }

    /// Page `i` as listed by sections and taxonomies on the page at root-relative `at`, whose
    /// summary links are re-aimed from there.
    pub fn page_ref(&self, i: PageId, at: &str) -> PageRef {
        let p = self.library.page(i);
        PageRef {
            title: self.titles.page(i).to_string(),
            url: self.link(&p.url),
            date: p.meta.date.map(|d| d.ymd()).unwrap_or_default(),
            date_iso: p.meta.date.map(|d| d.rfc3339()).unwrap_or_default(),
            description: p.meta.description.clone().unwrap_or_default(),
            summary: relink::excerpt_html(&self.summary(i), &p.url, at, &format!("summary-{}", i.0)),
            draft: p.meta.draft,
        }
    }

    /// Summary HTML (before `<!--more-->`, else the escaped `summary` key), may be empty.
    pub fn summary(&self, i: PageId) -> String {
        match (&self.rendered(i).summary, &self.library.page(i).meta.summary) {
            (Some(html), _) => html.clone(),
            (None, Some(text)) => format!("<p>{}</p>", escape_html(text)),
            (None, None) => String::new(),
        }
    }

    /// Section `s` as listed in navigation or by its parent.
    pub fn section_ref(&self, s: SectionId) -> SectionRef {
        let sec = self.library.section(s);
        SectionRef {
            title: self.titles.section(s).to_string(),
            url: self.link(&sec.url),
            description: sec.own_page.and_then(|i| self.library.page(i).meta.description.clone()).unwrap_or_default(),
            page_count: sec.pages.len(),
        }
    }

    /// Home, then every section above `section`, then `section` itself.
    pub fn ancestors(&self, section: SectionId) -> Vec<Link> {
        let mut chain: Vec<Link> = self
            .library
            .section_chain(section)
            .into_iter()
            .map(|s| {
                let title = if s == SectionId::ROOT {
                    self.config.strings.get("home").to_string()
                } else {
                    self.titles.section(s).to_string()
                };
                Link { title, url: self.link(&self.library.section(s).url) }
            })
            .collect();
        chain.reverse();
        chain
    }

    /// The pager of list page `n` of `total` under `base`, or `None` for a single page. It links
    /// the first and last pages and a few around the current one, so its size does not grow
    /// with the number of pages.
    pub fn pager(&self, base: &str, n: usize, total: usize) -> Option<Pager> {
        (total > 1).then(|| Pager {
            current: n,
            total,
            prev: if n > 1 { self.link(&paginate::page_url(base, n - 1)) } else { String::new() },
            next: if n < total { self.link(&paginate::page_url(base, n + 1)) } else { String::new() },
            pages: {
                let numbers = paginate::window(n, total);
                let mut before = 0;
                numbers
                    .into_iter()
                    .map(|k| {
                        let gap_before = k > before + 1;
                        before = k;
                        PagerLink { number: k, url: self.link(&paginate::page_url(base, k)), gap_before }
                    })
                    .collect()
            },
        })
    }

    /// Root-relative URL of section `s`'s Atom feed, or empty when it has none: the top always has
    /// one, other sections when they or their subsections hold a dated page; none without `base_url`.
    pub fn feed_url(&self, s: SectionId) -> String {
        if self.config.base_url.is_empty() {
            return String::new();
        }
        let lib = self.library;
        let mut stack = vec![s];
        let mut dated = s == SectionId::ROOT;
        while let Some(cur) = stack.pop().filter(|_| !dated) {
            dated = lib.section(cur).pages.iter().any(|&i| lib.page(i).meta.date.is_some());
            stack.extend(lib.section(cur).subsections.iter().copied());
        }
        if dated { format!("{}atom.xml", lib.section(s).url) } else { String::new() }
    }

    /// Links to the term pages of every taxonomy a page belongs to, for `page.taxonomies`.
    pub fn term_links(&self, meta: &Meta) -> Vec<TermLinks> {
        self.config
            .taxonomies
            .iter()
            .map(|name| TermLinks {
                name: name.clone(),
                title: humanize(name),
                terms: taxonomy_values(meta, name)
                    .into_iter()
                    .map(|v| Link { title: v.to_string(), url: self.link(&format!("{name}/{}/", url::slugify(v))) })
                    .collect(),
            })
            .filter(|t| !t.terms.is_empty())
            .collect()
    }

    /// The newest dated pages for the home page.
    pub fn recent(&self) -> Vec<PageRef> {
        let lib = self.library;
        let mut dated: Vec<PageId> =
            lib.page_ids().filter(|&i| lib.page(i).meta.date.is_some() && !lib.is_section_text(i)).collect();
        dated.sort_by_key(|&i| {
            (std::cmp::Reverse(lib.page(i).meta.date.map(|d| d.sort_key())), lib.page(i).rel.clone())
        });
        dated.truncate(self.config.recent_pages);
        dated.into_iter().map(|i| self.page_ref(i, "")).collect()
    }
}

/// The values of taxonomy `name` on a page (trimmed, empty ones dropped): a known list key,
/// else an `extra` string or list.
pub fn taxonomy_values<'a>(meta: &'a Meta, name: &str) -> Vec<&'a str> {
    let values: Vec<&str> = match name {
        "tags" => meta.tags.iter().map(String::as_str).collect(),
        "categories" => meta.categories.iter().map(String::as_str).collect(),
        "roles" => meta.roles.iter().map(String::as_str).collect(),
        _ => match meta.extra.get(name) {
            Some(serde_json::Value::String(s)) => vec![s.as_str()],
            Some(serde_json::Value::Array(items)) => items.iter().filter_map(|v| v.as_str()).collect(),
            _ => Vec::new(),
        },
    };
    values.into_iter().map(str::trim).filter(|v| !v.is_empty()).collect()
}
