//! The generated outputs, one module each: the pages and section lists, taxonomies, feeds
//! (Atom, sitemap, `robots.txt`), alias redirects, print pages, the search index, the checklist
//! pages and `checklists.json`, the 404 and search pages, the sidebar's `toc.js`, and the copied
//! files (with `syntax.css` made to follow the reader's light/dark choice, `scheme`).
//!
//! Each derives from the same [`Views`] the pages came from, so what a build leaves out (a
//! draft) is absent from all of them. Each returns its files with their [`Origin`]; the model
//! decides which to render and in what order, and the write path writes them.

pub mod aliases;
pub mod checklists;
pub mod feeds;
pub mod files;
pub mod pages;
pub mod print;
pub mod review;
pub mod scheme;
#[cfg(feature = "search")]
pub mod search;
pub mod special;
pub mod taxonomies;
pub mod toc;
pub mod whats_new;

use tera::Context;

use super::output::{Origin, Output};
use super::views::Views;
use crate::content::url;
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;

/// Renders `template` for the page at root-relative folder `url` (`index.html` inside it), with
/// `root`, `current_url` and `permalink` set as for every generated page.
pub fn render_at(
    views: &Views,
    renderer: &Renderer,
    template: &str,
    url: &str,
    mut ctx: Context,
    origin: Origin,
) -> Result<Output, Diagnostic> {
    ctx.insert("permalink", &views.permalink(url));
    render_in(views, renderer, template, url, ctx, origin)
}

/// [`render_at`] without `permalink` (content pages carry their own in `page` or `section`).
pub fn render_in(
    views: &Views,
    renderer: &Renderer,
    template: &str,
    url: &str,
    mut ctx: Context,
    origin: Origin,
) -> Result<Output, Diagnostic> {
    ctx.insert("root", &url::root_prefix(url));
    ctx.insert("current_url", &views.link(url));
    let for_file = origin.file.clone().unwrap_or_else(|| views.config.file());
    let html = renderer.render(template, &ctx, &for_file)?;
    Ok(Output::new(format!("{url}index.html"), html.into_bytes(), origin))
}

/// `Ok` outputs, or every error, collapsed: one template bug fails every page that uses it, so
/// it is reported once with how many pages it hit.
pub fn collect(results: Vec<Result<Output, Diagnostic>>) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let mut outputs = Vec::with_capacity(results.len());
    let mut errors: Vec<(Diagnostic, usize)> = Vec::new();
    for r in results {
        match r {
            Ok(o) => outputs.push(o),
            Err(e) => match errors.iter_mut().find(|(d, _)| d.path == e.path && d.line == e.line && d.col == e.col) {
                Some((_, n)) => *n += 1,
                None => errors.push((e, 0)),
            },
        }
    }
    if errors.is_empty() {
        return Ok(outputs);
    }
    Err(errors
        .into_iter()
        .map(|(mut d, more)| {
            if more > 0 {
                d.message.push_str(&format!(" (and {more} more pages)"));
            }
            d
        })
        .collect())
}
