//! Full-text search: a Pagefind index built in process from the rendered pages, no outside binary
//! (only with the `search` cargo feature, on by default).
//!
//! Only pages and sections are indexed (not taxonomies, print pages or redirects, which would
//! repeat every page), from their title, description and rendered markdown. Drafts are not in a
//! production library, so they are never indexed. The index and Pagefind's own UI files land in
//! `pagefind/`; the theme's search page loads them with a base URL worked out from its own
//! location, so search works under any sub-path.
//!
//! Pagefind's API is async; a one-thread tokio runtime drives it here, on the side of the build.

use std::sync::atomic::{AtomicBool, Ordering};

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::content::url;
use crate::diagnostic::Diagnostic;
use crate::markdown::highlight::escape_html;
use crate::site::output::{Origin, Output};
use crate::site::views::Views;

/// The folder the index is written to.
pub const BUNDLE_DIR: &str = "pagefind";

/// One document to index: root-relative URL, title, description, body HTML.
struct Doc<'a> {
    url: &'a str,
    title: &'a str,
    description: &'a str,
    body: &'a str,
}

/// Every page and section of the library (drafts are not in a production library).
fn docs<'a>(views: &'a Views) -> Vec<Doc<'a>> {
    let lib = views.library;
    let pages = lib.page_ids().filter(|&i| !lib.is_section_text(i)).map(|i| Doc {
        url: &lib.page(i).url,
        title: views.titles.page(i),
        description: lib.page(i).meta.description.as_deref().unwrap_or(""),
        body: &views.rendered(i).html,
    });
    let sections = lib.section_ids().map(|s| {
        let sec = lib.section(s);
        Doc {
            url: &sec.url,
            title: views.titles.section(s),
            description: sec.own_page.and_then(|i| lib.page(i).meta.description.as_deref()).unwrap_or(""),
            body: sec.own_page.map_or("", |i| views.rendered(i).html.as_str()),
        }
    });
    pages.chain(sections).collect()
}

/// Indexes every page and section and returns the index files under [`BUNDLE_DIR`]; `Ok(None)`
/// when `cancel` was set on the way.
///
/// Pagefind gets a small document per page (title, description, rendered markdown) rather than
/// the themed page: it parses less than half the bytes, the index is the same whatever the
/// theme, and navigation never pollutes results.
pub fn index(views: &Views, cancel: Option<&AtomicBool>) -> Result<Option<Vec<Output>>, Diagnostic> {
    let fail = |what: &str, e: anyhow::Error| {
        Diagnostic::error(views.config.file(), 0, 0, format!("search index: {what}: {e:#}"))
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| fail("cannot start", e.into()))?;
    let options = PagefindServiceConfig::builder().keep_index_url(true).build();
    let mut index = PagefindIndex::new(Some(options)).map_err(|e| fail("cannot start", e))?;
    let lang = escape_html(&views.config.language);
    let stopped = || cancel.is_some_and(|c| c.load(Ordering::Relaxed));
    runtime.block_on(async {
        for doc in docs(views) {
            if stopped() {
                return Ok(None);
            }
            let (title, description) = (escape_html(doc.title), escape_html(doc.description));
            let lead = if description.is_empty() { String::new() } else { format!("<p>{description}</p>") };
            let html = format!(
                "<!doctype html><html lang=\"{lang}\"><head><title>{title}</title></head>\
                 <body><main data-pagefind-body><h1>{title}</h1>{lead}{}</main></body></html>",
                doc.body
            );
            // Result links end in `index.html` only when the site's own links do.
            let url = format!("/{}", url::link_form(doc.url, views.config.link_to_index_html));
            index.add_html_file(None, Some(url), html).await.map_err(|e| fail(doc.url, e))?;
        }
        let files = index.get_files().await.map_err(|e| fail("cannot build", e))?;
        Ok(Some(
            files
                .into_iter()
                .map(|f| {
                    let name = f.filename.to_string_lossy().replace('\\', "/");
                    Output::new(format!("{BUNDLE_DIR}/{name}"), f.contents, Origin::generated("search index"))
                })
                .collect(),
        ))
    })
}
