//! Redirect pages at a page's old URLs (`aliases` front matter), so moved pages keep their links.
//!
//! Each alias becomes a small HTML page with a meta refresh, a canonical link and a visible link
//! to the page, written relative like every other link. An alias is the literal old path: `old/`
//! and `/old/` write `old/index.html`, `old.html` writes `old.html`; a `?query` or `#fragment`
//! is dropped, with a warning, because a static host cannot tell them apart. An alias that lands on a real
//! page (or on another page's alias) is caught by the output check, which names both sources
//! with their lines.

use std::collections::HashMap;

use tera::Context;

use crate::content::{Library, url};
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::site::output::{Origin, Output};
use crate::site::views::Views;

/// The output file an alias writes, or `None` when it would climb out of the output folder.
pub fn alias_file(alias: &str) -> Option<String> {
    // A server never sees a `#fragment`, and a static host serves one file whatever the `?query`:
    // the alias is the path before them.
    let path = alias.trim().split(['?', '#']).next().unwrap_or("");
    let path = url::join("", path)?;
    if path.is_empty() {
        return Some("index.html".to_string());
    }
    if path.ends_with(".html") || path.ends_with(".htm") { Some(path) } else { Some(format!("{path}/index.html")) }
}

/// Errors for aliases that climb out of the site, found while loading so that they are
/// reported with every other error.
pub fn problems(library: &Library) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for page in &library.pages {
        for alias in page.meta.aliases.iter().filter(|a| alias_file(a).is_none()) {
            let line = page.meta.line_of("aliases");
            errors.push(Diagnostic::error(&page.file, line, 1, format!("alias `{alias}` climbs out of the site")));
        }
    }
    errors
}

/// One redirect page per alias of every page, and warnings for an alias two pages claim
/// (translations often share them): the first page in library order keeps it.
pub fn render(views: &Views, renderer: &Renderer) -> Result<(Vec<Output>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut claimed: HashMap<String, &std::path::Path> = HashMap::new();
    for page in &views.library.pages {
        let line = page.meta.line_of("aliases");
        for alias in &page.meta.aliases {
            let Some(file) = alias_file(alias) else { continue };
            if alias.contains(['?', '#']) {
                let message = format!(
                    "alias `{alias}`: a static site cannot redirect one query or fragment apart from the others; it redirects from `{}`",
                    file.trim_end_matches("index.html")
                );
                warnings.push(Diagnostic::warning(&page.file, line, 1, message));
            }
            if let Some(first) = claimed.get(&file) {
                let message = format!("alias `{alias}` is also claimed by {}; it redirects there", first.display());
                warnings.push(Diagnostic::warning(&page.file, line, 1, message));
                continue;
            }
            claimed.insert(file.clone(), &page.file);
            let origin = Origin::at(&page.file, line, "alias redirect");
            match redirect(views, renderer, file, &views.link(&page.url), &page.url, origin) {
                Ok(output) => files.push(output),
                Err(e) => errors.push(e),
            }
        }
    }
    if errors.is_empty() { Ok((files, warnings)) } else { Err(errors) }
}

/// A redirect page (`alias.html`) at output file `file` to `target`, a root-relative link
/// (with its `#anchor`, if any), whose canonical URL is that of root-relative page `canonical`.
pub fn redirect(
    views: &Views,
    renderer: &Renderer,
    file: String,
    target: &str,
    canonical: &str,
    origin: Origin,
) -> Result<Output, Diagnostic> {
    let mut ctx = Context::new();
    ctx.insert("root", &url::root_prefix(&file));
    ctx.insert("current_url", &file);
    ctx.insert("target", &format!("{}{target}", url::root_prefix(&file)));
    ctx.insert("permalink", &views.permalink(canonical));
    let for_file = origin.file.clone().unwrap_or_else(|| views.config.file());
    let html = renderer.render("alias.html", &ctx, &for_file)?;
    Ok(Output::new(file, html.into_bytes(), origin))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_paths() {
        assert_eq!(alias_file("/old/path/").as_deref(), Some("old/path/index.html"));
        assert_eq!(alias_file("old/path").as_deref(), Some("old/path/index.html"));
        assert_eq!(alias_file("/old.html").as_deref(), Some("old.html"));
        assert_eq!(alias_file("../../etc"), None);
        assert_eq!(alias_file("/old/page?id=7#top").as_deref(), Some("old/page/index.html"));
        assert_eq!(alias_file("/old.html#part").as_deref(), Some("old.html"));
    }
}
