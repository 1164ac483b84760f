//! The content pages and the section list pages, one output each (a paginated section has one
//! per list page).

use tera::Context;

use super::render_in;
use crate::content::{PageId, SectionId};
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::site::output::{Origin, Output};
use crate::site::paginate;
use crate::site::views::Views;

/// Page `i` (a page of its own, not a section's text).
pub fn page(views: &Views, renderer: &Renderer, i: PageId) -> Result<Output, Diagnostic> {
    let page = views.library.page(i);
    let mut ctx = Context::new();
    ctx.insert("page", &views.page_view(i));
    let template = template_of(views, renderer, i, "page.html");
    render_in(views, renderer, &template, &page.url, ctx, Origin::at(&page.file, 0, "page"))
}

/// List page `n` (1-based) of section `s`.
pub fn section(views: &Views, renderer: &Renderer, s: SectionId, n: usize) -> Result<Output, Diagnostic> {
    let section = views.library.section(s);
    let default = if s == SectionId::ROOT { "index.html" } else { "section.html" };
    let template = section.own_page.map_or_else(|| default.to_string(), |i| template_of(views, renderer, i, default));
    let file = section
        .own_page
        .map_or_else(|| views.config.content_dir.join(&section.dir), |i| views.library.page(i).file.clone());
    let mut ctx = Context::new();
    ctx.insert("section", &views.section_view(s, n));
    if s == SectionId::ROOT && n == 1 {
        ctx.insert("recent", &views.recent());
    }
    let url = paginate::page_url(&section.url, n);
    render_in(views, renderer, &template, &url, ctx, Origin::at(file, 0, "section page"))
}

/// The page's `template` front matter when the theme has it, else `default`.
fn template_of(views: &Views, renderer: &Renderer, page: PageId, default: &str) -> String {
    match &views.library.page(page).meta.template {
        Some(name) if renderer.has_template(name) => name.clone(),
        _ => default.to_string(),
    }
}

/// Warnings for `template:` keys naming a template the theme lacks (content from Hugo or Zola
/// often names its old theme's templates); those pages use the default template.
pub fn missing_templates(views: &Views, renderer: &Renderer) -> Vec<Diagnostic> {
    views
        .library
        .pages
        .iter()
        .filter_map(|p| {
            let name = p.meta.template.as_ref()?;
            (!renderer.has_template(name)).then(|| {
                let message = format!("template `{name}` not found in the theme; using the default template");
                Diagnostic::warning(&p.file, p.meta.line_of("template"), 1, message)
            })
        })
        .collect()
}
