//! The two pages every site has that no content file makes: `404.html` and the search page.

use tera::Context;

use super::render_at;
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::site::output::{Origin, Output};
use crate::site::views::Views;

/// `404.html` at the top. Servers show it at any depth, so its links start from `base_url`
/// when there is one (and from the top of the host's folder otherwise).
pub fn not_found(views: &Views, renderer: &Renderer) -> Result<Output, Diagnostic> {
    let mut ctx = Context::new();
    let root = if views.config.base_url.is_empty() { "./".to_string() } else { views.config.base_url.clone() };
    ctx.insert("root", &root);
    ctx.insert("current_url", "404.html");
    let html = renderer.render("404.html", &ctx, &views.config.file())?;
    Ok(Output::new("404.html", html.into_bytes(), Origin::generated("404 page")))
}

/// `search/index.html`.
pub fn search_page(views: &Views, renderer: &Renderer) -> Result<Output, Diagnostic> {
    let origin = Origin::at(views.config.file(), views.config.line_of("search"), "search page");
    let mut ctx = Context::new();
    // The index's other shards, which the search UI merges into the first (root-relative).
    #[cfg(feature = "search")]
    ctx.insert("search_merge", &super::search::merged_dirs(views));
    #[cfg(not(feature = "search"))]
    ctx.insert("search_merge", &Vec::<String>::new());
    render_at(views, renderer, "search.html", "search/", ctx, origin)
}
