//! Links in a page: relative links to `.md` files, folders and assets rewritten to the site's
//! relative URLs, anchors recorded for checking, and a link to a page this build leaves out
//! turned into its plain text. [`Resolver`] is what a page asks to find what its links name.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{AnchorLink, Pass};
use crate::content::ids::PageId;
use crate::content::url;
use crate::diagnostic::Kind;

/// Where a link inside the site points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Root-relative URL of the page, section or asset.
    pub url: String,
    /// The page (or section text) in the library, for anchor checks.
    pub page: Option<PageId>,
}

/// Maps a content-relative path (`mentees/goals.md`, `mentees`, `img/a.png`) to its URL.
pub trait Resolver: Sync {
    /// `None` when nothing in the site has that path.
    fn resolve(&self, content_path: &str) -> Option<Target>;

    /// The page, section or asset at a root-relative output URL (`a/b/`, `img/x.png`).
    fn resolve_url(&self, url: &str) -> Option<Target>;

    /// Why the file at that content path is left out of this build (`"a draft"`), if it is.
    fn excluded(&self, content_path: &str) -> Option<&'static str>;

    /// Why the page at that root-relative URL is left out of this build, if it is.
    fn excluded_url(&self, url: &str) -> Option<&'static str>;

    /// The Jekyll post named `2024-05-01-slug` (Liquid's `post_url`).
    fn resolve_post(&self, _name: &str) -> Option<Target> {
        None
    }

    /// The content path of the one page whose path ends in `/name` (or `/name.md`), if exactly
    /// one does.
    fn unique_name(&self, _name: &str) -> Option<String> {
        None
    }

    /// The root-relative URL of the post named so, when this build leaves it out.
    fn post_left_out(&self, _name: &str) -> Option<String> {
        None
    }
}

impl Pass<'_, '_> {
    /// Rewrites relative link and image destinations; other events pass through. A link or
    /// image that points at a page this build leaves out is dropped (its text stays).
    pub(super) fn rewrite_link<'e>(&mut self, event: Event<'e>, offset: usize) -> Option<Event<'e>> {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = self.rewrite_dest(dest_url, offset);
                self.links.push(dest_url.is_none());
                Some(Event::Start(Tag::Link { link_type, dest_url: dest_url?, title, id }))
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = self.rewrite_dest(dest_url, offset);
                self.links.push(dest_url.is_none());
                Some(Event::Start(Tag::Image { link_type, dest_url: dest_url?, title, id }))
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let dropped = self.links.pop().unwrap_or(false);
                (!dropped).then_some(event)
            }
            other => Some(other),
        }
    }

    /// Finds what a link points at and writes it relative to this page. Tried in order: a path
    /// relative to the source file (`../mentees/goals.md`, as on a git host), a site URL relative
    /// to the page (`notes/`, Hugo style), a site URL from the root (`/mentees/goals/`). A link
    /// that resolves nowhere is a warning and stays as written; one to a page this build leaves
    /// out is a warning and `None` (the link becomes plain text).
    pub(super) fn rewrite_dest<'e>(&mut self, dest: CowStr<'e>, offset: usize) -> Option<CowStr<'e>> {
        // Zola's `@/guides/a.md` is a path from the content folder's top.
        let dest: CowStr<'e> = match dest.strip_prefix("@/") {
            Some(from_top) => {
                let up = "../".repeat(self.opts.source_dir.split('/').filter(|s| !s.is_empty()).count());
                format!("{up}{from_top}").into()
            }
            None => dest,
        };
        let (line, col) = self.position(offset);
        if let Some(anchor) = dest.strip_prefix('#') {
            self.anchor_links.push(AnchorLink { page: None, anchor: url::decode_path(anchor), line, col });
            return Some(dest);
        }
        let root_relative = dest.starts_with('/') && !dest.starts_with("//");
        if !root_relative && !is_relative(&dest) {
            return Some(dest);
        }
        let (path_and_query, fragment) = dest.split_once('#').map_or((dest.as_ref(), None), |(p, f)| (p, Some(f)));
        let (path, query) = path_and_query.split_once('?').map_or((path_and_query, None), |(p, q)| (p, Some(q)));
        let path = url::decode_path(path);
        let resolver = self.opts.resolver;
        let target = if root_relative {
            url::join("", &path).and_then(|p| resolver.resolve_url(&p))
        } else {
            url::join(self.opts.source_dir, &path)
                .and_then(|p| resolver.resolve(&p))
                .or_else(|| url::join(self.opts.page_url, &path).and_then(|u| resolver.resolve_url(&u)))
        };
        let Some(target) = target else {
            let excluded = if root_relative {
                url::join("", &path).and_then(|p| resolver.excluded_url(&p))
            } else {
                url::join(self.opts.source_dir, &path)
                    .and_then(|p| resolver.excluded(&p))
                    .or_else(|| url::join(self.opts.page_url, &path).and_then(|u| resolver.excluded_url(&u)))
            };
            if let Some(why) = excluded {
                let message = format!("link to {why} left out of this build: `{dest}`; written as plain text");
                self.warn(line, col, Kind::ExcludedLink, message);
                return None;
            }
            self.warn(line, col, Kind::BrokenLink, format!("link to a missing page or file: `{dest}`"));
            return Some(dest);
        };
        if let (Some(fragment), Some(page)) = (fragment, target.page) {
            self.anchor_links.push(AnchorLink { page: Some(page), anchor: url::decode_path(fragment), line, col });
        }
        let mut href = url::root_prefix(self.opts.page_url);
        href.push_str(&url::encode_path(&url::link_form(&target.url, self.opts.index_html)));
        if let Some(q) = query {
            href.push('?');
            href.push_str(q);
        }
        if let Some(f) = fragment {
            href.push('#');
            href.push_str(f);
        }
        Some(href.into())
    }
}

/// True for links that point into the site by a relative path (not `http:`, `mailto:`, `/x`, `//x`).
pub(super) fn is_relative(dest: &str) -> bool {
    if dest.is_empty() || dest.starts_with('/') || dest.starts_with('?') {
        return false;
    }
    let scheme_end = dest.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')));
    let has_scheme = matches!(scheme_end, Some(i) if i > 0 && dest[i..].starts_with(':'))
        && dest.as_bytes()[0].is_ascii_alphabetic();
    !has_scheme
}
