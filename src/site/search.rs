//! Full-text search: a Pagefind index built in process from the rendered pages, no outside binary.
//!
//! Only page and section outputs are indexed (not taxonomies, print pages or redirects, which
//! would repeat every page), and only what the theme marks `data-pagefind-body`: the article,
//! never the navigation. Drafts are not in a production library, so they are never indexed. The
//! index and Pagefind's own UI files land in `pagefind/`; the theme's search page loads them with
//! a base URL worked out from its own location, so search works under any sub-path.
//!
//! Pagefind's API is async; a one-thread tokio runtime drives it here, on the side of the build.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::output::Output;
use super::pages::Views;
use crate::diagnostic::Diagnostic;

/// The folder the index is written to.
pub const BUNDLE_DIR: &str = "pagefind";

/// Indexes `pages` (rendered HTML outputs) and returns the index files under [`BUNDLE_DIR`].
pub fn index(views: &Views, pages: &[Output]) -> Result<Vec<Output>, Diagnostic> {
    let fail = |what: &str, e: anyhow::Error| {
        Diagnostic::error(views.config.file(), 0, 0, format!("search index: {what}: {e:#}"))
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| fail("cannot start", e.into()))?;
    let options = PagefindServiceConfig::builder().keep_index_url(true).build();
    let mut index = PagefindIndex::new(Some(options)).map_err(|e| fail("cannot start", e))?;
    runtime.block_on(async {
        for page in pages.iter().filter(|p| p.path.ends_with(".html")) {
            let html = String::from_utf8_lossy(&page.bytes).into_owned();
            // Result links end in `index.html` only when the site's own links do.
            let url = match page.path.strip_suffix("index.html") {
                Some(dir) if !views.config.link_to_index_html => dir,
                _ => &page.path,
            };
            index.add_html_file(None, Some(format!("/{url}")), html).await.map_err(|e| fail(&page.path, e))?;
        }
        let files = index.get_files().await.map_err(|e| fail("cannot build", e))?;
        Ok(files
            .into_iter()
            .map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                Output::bytes(&format!("{BUNDLE_DIR}/{name}"), f.contents)
            })
            .collect())
    })
}
