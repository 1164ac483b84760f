//! Redirect pages at a page's old URLs (`aliases` front matter), so moved pages keep their links.
//!
//! Each alias becomes a small HTML page with a meta refresh, a canonical link and a visible link
//! to the page, written relative like every other link. An alias is the literal old path: `old/`
//! and `/old/` write `old/index.html`, `old.html` writes `old.html`. An alias that lands on a real
//! page (or on another alias) is caught by the output duplicate check, which names both files.

use std::collections::HashMap;

use tera::Context;

use super::output::Output;
use super::pages::Views;
use crate::content::url;
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;

/// The output file an alias writes, or `None` when it would climb out of the output folder.
pub fn alias_file(alias: &str) -> Option<String> {
    let path = url::join("", alias.trim())?;
    if path.is_empty() {
        return Some("index.html".to_string());
    }
    if path.ends_with(".html") || path.ends_with(".htm") { Some(path) } else { Some(format!("{path}/index.html")) }
}

/// One redirect page per alias of every page (drafts are not in the library), and warnings for
/// an alias two pages claim (translations often share them): the first page in reading order
/// keeps it.
pub fn render(views: &Views, renderer: &Renderer) -> Result<(Vec<Output>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut claimed: HashMap<String, &std::path::Path> = HashMap::new();
    for page in &views.library.pages {
        for alias in &page.meta.aliases {
            let Some(file) = alias_file(alias) else {
                let line = crate::config::key_line(&std::fs::read_to_string(&page.file).unwrap_or_default(), "aliases");
                errors.push(Diagnostic::error(
                    &page.file,
                    line.unwrap_or(0),
                    1,
                    format!("alias `{alias}` climbs out of the site"),
                ));
                continue;
            };
            if let Some(first) = claimed.get(&file) {
                let message = format!("alias `{alias}` is also claimed by {}; it redirects there", first.display());
                warnings.push(Diagnostic::warning(&page.file, 0, 0, message));
                continue;
            }
            claimed.insert(file.clone(), &page.file);
            let mut ctx = Context::new();
            ctx.insert("root", &url::root_prefix(&file));
            ctx.insert("current_url", &file);
            ctx.insert("target", &format!("{}{}", url::root_prefix(&file), views.link(&page.url)));
            ctx.insert("permalink", &views.permalink(&page.url));
            match renderer.render("alias.html", &ctx, &page.file) {
                Ok(html) => files.push(Output::from_source(&file, html.into_bytes(), page.file.clone())),
                Err(e) => errors.push(e),
            }
        }
    }
    if errors.is_empty() { Ok((files, warnings)) } else { Err(errors) }
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
    }
}
