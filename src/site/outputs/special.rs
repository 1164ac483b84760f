//! The two pages every site has that no content file makes: `404.html` and the search page.

use tera::Context;

use super::render_at;
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::site::output::{Origin, Output};
use crate::site::views::Views;

/// `404.html` at the top. Servers show it at any depth, so its links and styles start from the
/// path of `base_url` (`/hb/` for `https://example.org/hb/`), or from the host's root without
/// one: never the host itself, so a copy served elsewhere (or by `serve`, which rewrites that
/// path to its own root) stays on its host.
pub fn not_found(views: &Views, renderer: &Renderer) -> Result<Output, Diagnostic> {
    let mut ctx = Context::new();
    ctx.insert("root", &base_path(&views.config.base_url));
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

/// The path of `base_url` (`https://example.org/hb/` → `/hb/`), `/` without one.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or("", |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(at) => after_scheme[at..].to_string(),
        None => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::base_path;

    #[test]
    fn the_404_root_is_the_path_of_base_url() {
        assert_eq!(base_path(""), "/");
        assert_eq!(base_path("https://example.org/"), "/");
        assert_eq!(base_path("https://example.org"), "/");
        assert_eq!(base_path("https://example.org/hb/"), "/hb/");
        assert_eq!(base_path("http://intranet:8080/teams/hb/"), "/teams/hb/");
    }
}
