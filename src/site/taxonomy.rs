//! Taxonomies: `tags`, `categories`, `roles` (and any front matter key the config adds), each
//! with a page listing its terms and a paginated page per term listing its pages.
//!
//! A term's URL segment is [`url::slugify`] of its name, the same rule as page slugs: stable
//! across builds and machines, and letters of any script are kept ("Führung" → `führung/`,
//! "领导力" → `领导力/`), percent-encoded only in links. Names that slugify alike ("Coaching",
//! "coaching") are one term, shown with the first name in sorted order.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::extras::render_at;
use super::output::Output;
use super::pages::Views;
use super::paginate;
use crate::content::{Meta, url};
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::render::views::{Link, PageRef, TermLinks};

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
    /// Page indexes, newest date first, then by source path.
    pub pages: Vec<usize>,
}

/// The values of taxonomy `name` on a page: a known list key, else an `extra` string or list.
fn values<'a>(meta: &'a Meta, name: &str) -> Vec<&'a str> {
    match name {
        "tags" => meta.tags.iter().map(String::as_str).collect(),
        "categories" => meta.categories.iter().map(String::as_str).collect(),
        "roles" => meta.roles.iter().map(String::as_str).collect(),
        _ => match meta.extra.get(name) {
            Some(serde_json::Value::String(s)) => vec![s.as_str()],
            Some(serde_json::Value::Array(items)) => items.iter().filter_map(|v| v.as_str()).collect(),
            _ => Vec::new(),
        },
    }
}

/// Groups every page by term; a taxonomy name that is not a plain URL segment is a config error.
pub fn collect(views: &Views) -> Result<Vec<Taxonomy>, Vec<Diagnostic>> {
    let config = views.config;
    let bad: Vec<Diagnostic> = config
        .taxonomies
        .iter()
        .enumerate()
        .filter(|(i, name)| url::slugify(name) != **name || config.taxonomies[..*i].contains(name))
        .map(|(_, name)| {
            config.error_at("taxonomies", format!("taxonomy `{name}` must be a unique lowercase name like `tags`"))
        })
        .collect();
    if !bad.is_empty() {
        return Err(bad);
    }
    let lib = views.library;
    let taxonomies = config.taxonomies.iter().map(|name| {
        let mut terms: BTreeMap<String, Term> = BTreeMap::new();
        for (i, page) in lib.pages.iter().enumerate() {
            for value in values(&page.meta, name).into_iter().map(str::trim).filter(|v| !v.is_empty()) {
                let slug = url::slugify(value);
                let term =
                    terms.entry(slug.clone()).or_insert_with(|| Term { name: value.into(), slug, pages: vec![] });
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
            let key = |&i: &usize| {
                (std::cmp::Reverse(lib.pages[i].meta.date.map(|d| d.sort_key())), lib.pages[i].rel.clone())
            };
            term.pages.sort_by_cached_key(key);
        }
        Taxonomy { name: name.clone(), terms }
    });
    Ok(taxonomies.collect())
}

/// `Tags` for `tags`.
pub fn label(name: &str) -> String {
    let spaced = name.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Links to the term pages of every taxonomy a page belongs to, for `page.taxonomies`.
pub fn page_links(views: &Views, meta: &Meta) -> Vec<TermLinks> {
    views
        .config
        .taxonomies
        .iter()
        .map(|name| TermLinks {
            name: name.clone(),
            title: label(name),
            terms: values(meta, name)
                .into_iter()
                .filter(|v| !v.trim().is_empty())
                .map(|v| Link {
                    title: v.trim().to_string(),
                    url: views.link(&format!("{name}/{}/", url::slugify(v.trim()))),
                })
                .collect(),
        })
        .filter(|t| !t.terms.is_empty())
        .collect()
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

/// `term` in templates; `base` is its taxonomy's URL (`tags/`).
fn term_view(views: &Views, base: &str, term: &Term) -> TermView {
    TermView {
        name: term.name.clone(),
        slug: term.slug.clone(),
        url: views.link(&format!("{base}{}/", term.slug)),
        count: term.pages.len(),
    }
}

/// Every list and term page; also returns their root-relative URLs for the sitemap. Term pages
/// render in parallel and see only their own term, so the cost stays linear in the terms.
pub fn render(
    views: &Views,
    renderer: &Renderer,
    taxonomies: &[Taxonomy],
) -> Result<(Vec<Output>, Vec<String>), Vec<Diagnostic>> {
    let mut files = Vec::new();
    let mut urls = Vec::new();
    let per = views.config.paginate_by;
    for tax in taxonomies {
        let base = format!("{}/", tax.name);
        let terms: Vec<TermView> = tax.terms.iter().map(|t| term_view(views, &base, t)).collect();
        let view = TaxonomyView { name: tax.name.clone(), title: label(&tax.name), url: views.link(&base), terms };
        let mut ctx = Context::new();
        ctx.insert("taxonomy", &view);
        files.push(render_at(views, renderer, "taxonomy_list.html", &base, ctx)?);
        urls.push(base.clone());
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
        let pages: Vec<(Output, String)> = jobs
            .par_iter()
            .map(|&(t, n, total)| {
                let term = &tax.terms[t];
                let term_base = format!("{base}{}/", term.slug);
                let page_url = paginate::page_url(&term_base, n);
                let pages: Vec<PageRef> =
                    paginate::chunk(&term.pages, per, n).iter().map(|&i| views.page_ref(i, &page_url)).collect();
                let mut ctx = Context::new();
                ctx.insert("taxonomy", &summary);
                ctx.insert("term", &term_view(views, &base, term));
                ctx.insert("pages", &pages);
                ctx.insert("pager", &paginate::pager(views, &term_base, n, total));
                render_at(views, renderer, "taxonomy_term.html", &page_url, ctx).map(|out| (out, page_url))
            })
            .collect::<Result<_, _>>()?;
        for (out, url) in pages {
            files.push(out);
            urls.push(url);
        }
    }
    Ok((files, urls))
}
