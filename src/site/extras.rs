//! The outputs a reader expects beyond the pages themselves: taxonomies, feeds, sitemap,
//! `robots.txt`, `404.html`, alias redirects, print pages and the search index.
//!
//! They all derive from the same rendered library the pages came from, so drafts left out of a
//! production build are absent here too. Everything renders in memory like the pages, and the
//! output paths go through the same duplicate check, which is what turns an alias that lands on
//! a real page into an error naming both files.

use std::collections::HashMap;

use tera::Context;

use super::output::Output;
use super::pages::Views;
use super::{aliases, feeds, print, search, taxonomy};
use crate::content::url;
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;

/// Every extra output and the warnings found. `pages` are the already rendered page and section
/// files: content wins over a generated list page at the same URL (Hugo sites keep
/// `content/categories/_index.md` and `content/search/_index.md`), with a warning.
pub(super) fn render(
    views: &Views,
    renderer: &Renderer,
    pages: &[Output],
) -> Result<(Vec<Output>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let taxonomies = taxonomy::collect(views)?;
    // The search index is built on one core while the rest renders on the other.
    let (indexed, rest) = rayon::join(
        || if views.config.search { search::index(views) } else { Ok(Vec::new()) },
        || -> Result<Vec<Output>, Vec<Diagnostic>> {
            let (mut files, urls) = taxonomy::render(views, renderer, &taxonomies)?;
            files.extend(feeds::render(views, &urls));
            files.extend(print::render(views, renderer)?);
            files.push(not_found(views, renderer)?);
            if views.config.search {
                files.push(render_at(views, renderer, "search.html", "search/", Context::new())?);
            }
            Ok(files)
        },
    );
    let mut files = rest?;
    files.extend(indexed.map_err(|e| vec![e])?);
    let by_content: HashMap<&str, &Output> = pages.iter().map(|p| (p.path.as_str(), p)).collect();
    let mut warnings = Vec::new();
    files.retain(|f| match by_content.get(f.path.as_str()) {
        Some(page) => {
            let source = page.source.clone().unwrap_or_default();
            warnings.push(Diagnostic::warning(source, 0, 0, format!("replaces the generated page `{}`", f.path)));
            false
        }
        None => true,
    });
    // Aliases come last and never yield: one landing on a page is an error in `output::finish`.
    let (redirects, alias_warnings) = aliases::render(views, renderer)?;
    files.extend(redirects);
    warnings.extend(alias_warnings);
    Ok((files, warnings))
}

/// Renders `template` for the page at root-relative folder `url` (`index.html` inside it), with
/// `root` and `current_url` set as for every page.
pub(super) fn render_at(
    views: &Views,
    renderer: &Renderer,
    template: &str,
    url: &str,
    mut ctx: Context,
) -> Result<Output, Vec<Diagnostic>> {
    ctx.insert("root", &url::root_prefix(url));
    ctx.insert("current_url", &views.link(url));
    ctx.insert("permalink", &views.permalink(url));
    let origin = views.config.file();
    let html = renderer.render(template, &ctx, &origin).map_err(|e| vec![e])?;
    Ok(Output::bytes(&format!("{url}index.html"), html.into_bytes()))
}

/// `404.html` at the top. Servers show it at any depth, so its links start from `base_url`
/// when there is one (and from the top of the host's folder otherwise).
fn not_found(views: &Views, renderer: &Renderer) -> Result<Output, Vec<Diagnostic>> {
    let mut ctx = Context::new();
    let root = if views.config.base_url.is_empty() { "./".to_string() } else { views.config.base_url.clone() };
    ctx.insert("root", &root);
    ctx.insert("current_url", "404.html");
    let html = renderer.render("404.html", &ctx, &views.config.file()).map_err(|e| vec![e])?;
    Ok(Output::bytes("404.html", html.into_bytes()))
}
