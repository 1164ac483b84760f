//! Taxonomies: `tags`, `categories`, `roles` (and any front matter key the config adds), each
//! with a page listing its terms and a paginated page per term listing its pages.
//!
//! A term's URL segment is [`url::slugify`] of its name, the same rule as page slugs: stable
//! across builds and machines, and letters of any script are kept ("Führung" → `führung/`,
//! "领导力" → `领导力/`), percent-encoded only in links. Names that slugify alike ("Coaching",
//! "coaching") are one term, shown with the first name in sorted order. A term page's origin is
//! the taxonomy line of the first page that names the term, so a term that makes an unwritable
//! file name is reported there.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::{collect, render_at};
use crate::content::{PageId, url};
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::render::views::PageRef;
use crate::site::output::{Origin, Output};
use crate::site::paginate;
use crate::site::views::{Views, taxonomy_values};
use crate::words::humanize;

/// One taxonomy and its terms, sorted by slug.
pub struct Taxonomy {
    /// Front matter key and URL segment (`tags`).
    pub name: String,
    /// Terms in slug order.
    pub terms: Vec<Term>,
}

/// One term and the pages carrying it.
pub struct Term {
    /// Display name.
    pub name: String,
    /// URL segment.
    pub slug: String,
    /// Pages, newest date first, then by source path.
    pub pages: Vec<PageId>,
    /// The first page (in library order) that names it.
    pub first: PageId,
}

/// Groups every page by term, for every configured taxonomy.
pub fn collect_terms(views: &Views) -> Vec<Taxonomy> {
    let lib = views.library;
    views
        .config
        .taxonomies
        .iter()
        .map(|name| {
            let mut terms: BTreeMap<String, Term> = BTreeMap::new();
            for i in lib.page_ids() {
                for value in taxonomy_values(&lib.page(i).meta, name) {
                    let slug = url::slugify(value);
                    let term = terms.entry(slug.clone()).or_insert_with(|| Term {
                        name: value.into(),
                        slug,
                        pages: vec![],
                        first: i,
                    });
                    if value < term.name.as_str() {
                        term.name = value.to_string();
                    }
                    if term.pages.last() != Some(&i) {
                        term.pages.push(i);
                    }
                }
            }
            let mut terms: Vec<Term> = terms.into_values().collect();
            for term in &mut terms {
                term.pages.sort_by_cached_key(|&i| {
                    (std::cmp::Reverse(lib.page(i).meta.date.map(|d| d.sort_key())), lib.page(i).rel.clone())
                });
            }
            Taxonomy { name: name.clone(), terms }
        })
        .collect()
}

/// Root-relative URLs of every taxonomy and term page, for the sitemap.
pub fn urls(views: &Views, taxonomies: &[Taxonomy]) -> Vec<String> {
    let per = views.config.paginate_by;
    let mut urls = Vec::new();
    for tax in taxonomies {
        let base = format!("{}/", tax.name);
        urls.push(base.clone());
        // A role's term page is a redirect to its one page, `checklists/<role>/`.
        for term in tax.terms.iter().filter(|t| role_page(views, &tax.name, &t.slug).is_none()) {
            let term_base = format!("{base}{}/", term.slug);
            urls.extend((1..=paginate::page_count(term.pages.len(), per)).map(|n| paginate::page_url(&term_base, n)));
        }
    }
    urls
}

/// `taxonomy` in `taxonomy_list.html` and `taxonomy_term.html`.
#[derive(Serialize)]
struct TaxonomyView {
    name: String,
    title: String,
    url: String,
    terms: Vec<TermView>,
}

#[derive(Serialize)]
struct TermView {
    name: String,
    slug: String,
    url: String,
    count: usize,
}

/// The pages of every `roles` term that is a configured role, by role id: they are listed on
/// the role's own page, `checklists/<role>/`, which its term page redirects to.
pub fn role_terms(views: &Views) -> std::collections::HashMap<String, Vec<PageId>> {
    collect_terms(views)
        .into_iter()
        .filter(|t| t.name == "roles")
        .flat_map(|t| t.terms)
        .filter(|term| views.config.role(&term.slug).is_some())
        .map(|term| (term.slug, term.pages))
        .collect()
}

/// The role page a term page of taxonomy `name` gives way to, if it is a configured role.
fn role_page(views: &Views, name: &str, slug: &str) -> Option<String> {
    (name == "roles" && views.config.role(slug).is_some()).then(|| format!("checklists/{slug}/"))
}

/// `term` in templates; `base` is its taxonomy's URL (`tags/`).
fn term_view(views: &Views, base: &str, term: &Term) -> TermView {
    TermView {
        name: term.name.clone(),
        slug: term.slug.clone(),
        url: views.link(
            &role_page(views, base.trim_end_matches('/'), &term.slug)
                .unwrap_or_else(|| format!("{base}{}/", term.slug)),
        ),
        count: term.pages.len(),
    }
}

/// A redirect at `from` (a folder) to the root-relative page `to`.
fn redirect(views: &Views, renderer: &Renderer, from: &str, to: &str) -> Result<Output, Diagnostic> {
    let mut ctx = Context::new();
    let root = url::root_prefix(from);
    ctx.insert("root", &root);
    ctx.insert("current_url", from);
    ctx.insert("target", &format!("{root}{}", views.link(to)));
    ctx.insert("permalink", &views.permalink(to));
    let html = renderer.render("alias.html", &ctx, &views.config.file())?;
    Ok(Output::new(format!("{from}index.html"), html.into_bytes(), Origin::generated("role page redirect")))
}

/// Every list and term page. Term pages render in parallel and see only their own term, so
/// the cost stays linear in the terms.
pub fn render(views: &Views, renderer: &Renderer) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let taxonomies = collect_terms(views);
    let per = views.config.paginate_by;
    let config_origin = Origin::at(views.config.file(), views.config.line_of("taxonomies"), "taxonomy page");
    let mut results = Vec::new();
    for tax in &taxonomies {
        let base = format!("{}/", tax.name);
        let terms: Vec<TermView> = tax.terms.iter().map(|t| term_view(views, &base, t)).collect();
        let view = TaxonomyView { name: tax.name.clone(), title: humanize(&tax.name), url: views.link(&base), terms };
        let mut ctx = Context::new();
        ctx.insert("taxonomy", &view);
        results.push(render_at(views, renderer, "taxonomy_list.html", &base, ctx, config_origin.clone()));
        let summary = TaxonomyView { terms: Vec::new(), ..view };
        let jobs: Vec<(usize, usize, usize)> = tax
            .terms
            .iter()
            .enumerate()
            .flat_map(|(t, term)| {
                let total = paginate::page_count(term.pages.len(), per);
                (1..=total).map(move |n| (t, n, total))
            })
            .collect();
        let pages: Vec<Result<Output, Diagnostic>> = jobs
            .par_iter()
            .map(|&(t, n, total)| {
                let term = &tax.terms[t];
                let term_base = format!("{base}{}/", term.slug);
                let page_url = paginate::page_url(&term_base, n);
                if let Some(role) = role_page(views, &tax.name, &term.slug) {
                    return redirect(views, renderer, &page_url, &role);
                }
                let pages: Vec<PageRef> =
                    paginate::chunk(&term.pages, per, n).iter().map(|&i| views.page_ref(i, &page_url)).collect();
                let mut ctx = Context::new();
                ctx.insert("taxonomy", &summary);
                ctx.insert("term", &term_view(views, &base, term));
                ctx.insert("pages", &pages);
                ctx.insert("pager", &views.pager(&term_base, n, total));
                let first = views.library.page(term.first);
                let origin = Origin::at(&first.file, first.meta.line_of(&tax.name), "term page");
                render_at(views, renderer, "taxonomy_term.html", &page_url, ctx, origin)
            })
            .collect();
        results.extend(pages);
    }
    collect(results)
}
