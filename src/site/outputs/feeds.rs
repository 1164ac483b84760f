//! Discovery files for machines: Atom feeds, `sitemap.xml` and `robots.txt`, written by the
//! built-in templates `feeds/atom.xml`, `feeds/sitemap.xml` and `feeds/robots.txt`.
//!
//! Feeds and sitemaps need absolute URLs, so they are written only when `base_url` is set;
//! `robots.txt` is always written and names the sitemap when there is one. Drafts never reach
//! this module in a production build: they are not in the library.

use serde::Serialize;
use tera::Context;

use super::taxonomies;
use crate::content::{PageId, SectionId};
use crate::diagnostic::Diagnostic;
use crate::markdown::highlight::escape_html;
use crate::render::Renderer;
use crate::site::output::{Origin, Output};
use crate::site::views::Views;

/// How many of the newest dated pages a feed carries.
pub const FEED_ENTRIES: usize = 50;

/// What `feeds/atom.xml` sees as `feed` (also the `/whats-new/` feed's).
#[derive(Serialize)]
pub(super) struct Feed {
    pub language: String,
    pub title: String,
    pub subtitle: String,
    pub self_url: String,
    pub alternate_url: String,
    pub updated: String,
    pub generator: String,
    pub entries: Vec<Entry>,
}

/// One entry of a [`Feed`].
#[derive(Serialize)]
pub(super) struct Entry {
    pub title: String,
    pub link: String,
    pub published: String,
    pub updated: String,
    pub authors: Vec<String>,
    pub summary: String,
    pub content: String,
}

#[derive(Serialize)]
struct SitemapUrl {
    loc: String,
    lastmod: String,
}

/// The site-wide feed, one per section with dated pages, the sitemap and `robots.txt`.
pub fn render(views: &Views, renderer: &Renderer) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut push = |path: String, template: &str, ctx: Context, origin: Origin| match renderer.render(
        template,
        &ctx,
        &views.config.file(),
    ) {
        Ok(text) => out.push(Output::new(path, text.into_bytes(), origin)),
        Err(e) => errors.push(e),
    };
    let noindex = views.noindex();
    if !views.config.base_url.is_empty() {
        for s in views.library.section_ids() {
            if views.feed_url(s).is_empty() {
                continue;
            }
            let sec = views.library.section(s);
            let mut ctx = Context::new();
            ctx.insert("feed", &feed(views, s));
            let origin = sec.own_page.map_or_else(
                || Origin::generated("Atom feed"),
                |i| Origin::at(&views.library.page(i).file, 0, "Atom feed"),
            );
            push(format!("{}atom.xml", sec.url), "feeds/atom.xml", ctx, origin);
        }
        // A site kept out of search engines lists nothing for them.
        if !noindex {
            let mut ctx = Context::new();
            ctx.insert("urls", &sitemap_urls(views));
            push("sitemap.xml".into(), "feeds/sitemap.xml", ctx, Origin::generated("sitemap"));
        }
    }
    let mut ctx = Context::new();
    let sitemap =
        if views.config.base_url.is_empty() || noindex { String::new() } else { views.permalink("sitemap.xml") };
    ctx.insert("sitemap", &sitemap);
    ctx.insert("noindex", &noindex);
    push("robots.txt".into(), "feeds/robots.txt", ctx, Origin::generated("robots.txt"));
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// Dated pages in section `s` and below, newest first, at most [`FEED_ENTRIES`].
fn dated_pages(views: &Views, s: SectionId) -> Vec<PageId> {
    let lib = views.library;
    let mut stack = vec![s];
    let mut pages = Vec::new();
    while let Some(cur) = stack.pop() {
        pages.extend(lib.section(cur).pages.iter().copied().filter(|&i| lib.page(i).meta.date.is_some()));
        stack.extend(lib.section(cur).subsections.iter().copied());
    }
    pages.sort_by_key(|&i| (std::cmp::Reverse(lib.page(i).meta.date.map(|d| d.sort_key())), lib.page(i).rel.clone()));
    pages.truncate(FEED_ENTRIES);
    pages
}

/// The Atom feed of section `s`, living at `{section url}atom.xml`.
fn feed(views: &Views, s: SectionId) -> Feed {
    let lib = views.library;
    let config = views.config;
    let section_url = &lib.section(s).url;
    let pages = dated_pages(views, s);
    // The site's feed carries each page whole; a section's feed, whose entries are all in the
    // site's feed too, carries summaries, so feeds do not weigh as much as the pages twice over.
    let whole = s == SectionId::ROOT;
    let title = if s == SectionId::ROOT {
        config.title.clone()
    } else {
        format!("{} · {}", views.titles.section(s), config.title)
    };
    let updated = pages
        .iter()
        .filter_map(|&i| lib.page(i).meta.updated.max(lib.page(i).meta.date))
        .max_by_key(|d| d.sort_key())
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| d.rfc3339());
    let entries = pages
        .iter()
        .map(|&i| {
            let p = lib.page(i);
            let authors = if p.meta.authors.is_empty() { vec![config.title.clone()] } else { p.meta.authors.clone() };
            Entry {
                title: views.titles.page(i).to_string(),
                link: views.permalink(&p.url),
                published: p.meta.date.map(|d| d.rfc3339()).unwrap_or_default(),
                updated: p.meta.updated.max(p.meta.date).map(|d| d.rfc3339()).unwrap_or_default(),
                authors,
                // Links in page HTML are relative to the page; `xml:base` tells feed readers from where.
                summary: match (views.summary(i), &p.meta.description) {
                    (s, Some(d)) if s.is_empty() && !whole => format!("<p>{}</p>", escape_html(d)),
                    (s, _) => s,
                },
                content: if whole { views.rendered(i).html.clone() } else { String::new() },
            }
        })
        .collect();
    Feed {
        language: config.language.clone(),
        title,
        subtitle: config.description.clone(),
        self_url: views.permalink(&format!("{section_url}atom.xml")),
        alternate_url: views.permalink(section_url),
        updated,
        generator: format!("mentorbook {}", env!("CARGO_PKG_VERSION")),
        entries,
    }
}

/// Every page and section (drafts are not in the library), then every taxonomy page, sorted.
fn sitemap_urls(views: &Views) -> Vec<SitemapUrl> {
    let lib = views.library;
    let mut entries: Vec<(String, String)> = Vec::new();
    for i in lib.page_ids().filter(|&i| !lib.is_section_text(i)) {
        let p = lib.page(i);
        entries.push((p.url.clone(), p.meta.updated.max(p.meta.date).map(|d| d.ymd()).unwrap_or_default()));
    }
    for s in &lib.sections {
        let lastmod = s.own_page.and_then(|i| lib.page(i).meta.updated.max(lib.page(i).meta.date));
        entries.push((s.url.clone(), lastmod.map(|d| d.ymd()).unwrap_or_default()));
    }
    let terms = taxonomies::collect_terms(views);
    entries.extend(taxonomies::urls(views, &terms).into_iter().map(|u| (u, String::new())));
    entries.sort();
    entries.into_iter().map(|(u, lastmod)| SitemapUrl { loc: views.permalink(&u), lastmod }).collect()
}
