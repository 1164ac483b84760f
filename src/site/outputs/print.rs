//! Print pages: the whole handbook (`print/`) and each section (`<section>/print/`) on one page,
//! in reading order, ready for "Print to PDF".
//!
//! Reading order is a section's own text, its pages, then its subsections, depth first. Every
//! page's HTML is reused as rendered, with its ids prefixed by its chapter id (two pages may both
//! have a `#goals` heading), links to printed pages turned into in-page anchors, other relative
//! links re-aimed from the print page's folder, and checkboxes unticked.

use std::collections::HashSet;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::{collect, render_at};
use crate::content::{PageId, SectionId, url};
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::site::output::{Origin, Output};
use crate::site::relink;
use crate::site::views::Views;

/// One page or section text in a print page.
#[derive(Serialize)]
struct Chapter {
    /// Anchor id (`ch-mentors-first-meeting`).
    id: String,
    /// Title.
    title: String,
    /// Nesting depth below the printed section, from 0.
    depth: usize,
    /// Heading level of its title (`h2` for the section, one more each level down, at most 6);
    /// its own headings are shifted below it.
    level: usize,
    /// True for a section's own text (starts a new chapter on paper).
    is_section: bool,
    /// Rewritten body HTML.
    content: String,
}

/// What a print page holds, in order.
#[derive(Clone, Copy)]
enum Item {
    Section(SectionId),
    Page(PageId),
}

/// The anchor id of the chapter for root-relative `page_url`.
fn chapter_id(page_url: &str) -> String {
    if page_url.is_empty() { "ch-home".to_string() } else { format!("ch-{}", url::slugify(page_url)) }
}

/// The whole-site print page and one per section, rendered in parallel.
pub fn render(views: &Views, renderer: &Renderer) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let results = views
        .library
        .section_ids()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|s| {
            let mut order = Vec::new();
            walk(views, s, 0, &mut order);
            let sec = views.library.section(s);
            let print_url = format!("{}print/", sec.url);
            let printed: HashSet<String> = order.iter().map(|&(item, _)| item_url(views, item).to_string()).collect();
            let chapters: Vec<Chapter> = order
                .iter()
                .map(|&(item, depth)| {
                    let item_url = item_url(views, item);
                    let (title, html, is_section) = match item {
                        Item::Section(i) => {
                            let own = views.library.section(i).own_page;
                            (views.titles.section(i), own.map_or("", |p| views.rendered(p).html.as_str()), true)
                        }
                        Item::Page(i) => (views.titles.page(i), views.rendered(i).html.as_str(), false),
                    };
                    let id = chapter_id(item_url);
                    let level = (depth + 2).min(6);
                    let content =
                        relink::shift_headings(&rewrite(html, item_url, &print_url, &id, &printed), level - 1);
                    Chapter { id, title: title.to_string(), depth, level, is_section, content }
                })
                .collect();
            let mut ctx = Context::new();
            ctx.insert("title", views.titles.section(s));
            ctx.insert("chapters", &chapters);
            ctx.insert("section_url", &views.link(&sec.url));
            let origin = sec.own_page.map_or_else(
                || Origin::generated("print page"),
                |i| Origin::at(&views.library.page(i).file, 0, "print page"),
            );
            render_at(views, renderer, "print.html", &print_url, ctx, origin)
        })
        .collect();
    collect(results)
}

/// The root-relative URL of a section or page.
fn item_url<'a>(views: &'a Views, item: Item) -> &'a str {
    match item {
        Item::Section(s) => &views.library.section(s).url,
        Item::Page(p) => &views.library.page(p).url,
    }
}

/// Section `s`, then its pages, then its subsections, depth first.
fn walk(views: &Views, s: SectionId, depth: usize, order: &mut Vec<(Item, usize)>) {
    let sec = views.library.section(s);
    order.push((Item::Section(s), depth));
    order.extend(sec.pages.iter().map(|&p| (Item::Page(p), depth + 1)));
    for &sub in &sec.subsections {
        walk(views, sub, depth + 1, order);
    }
}

/// Rewrites one page's HTML for the print page at `print_url`; see the module docs.
fn rewrite(html: &str, page_url: &str, print_url: &str, chapter: &str, printed: &HashSet<String>) -> String {
    relink::rewrite_attrs(html, true, |name, value| match name {
        "href" | "src" => Some(retarget(value, page_url, print_url, chapter, printed)),
        _ if relink::ID_ATTRS.contains(&name) => Some(relink::prefix_ids(value, chapter)),
        _ => None,
    })
}

/// One `href`/`src` value: in-page and printed-page links become anchors, other relative links
/// are re-aimed from the print page, absolute ones stay.
fn retarget(value: &str, page_url: &str, print_url: &str, chapter: &str, printed: &HashSet<String>) -> String {
    if let Some(anchor) = value.strip_prefix('#') {
        return format!("#{chapter}--{anchor}");
    }
    if value.is_empty() || value.contains(':') || value.starts_with('/') {
        return value.to_string();
    }
    let (path, anchor) = value.split_once('#').map_or((value, None), |(p, a)| (p, Some(a)));
    let decoded = url::decode_path(path);
    let Some(mut target) = url::join(page_url, &decoded) else { return value.to_string() };
    if let Some(dir) = target.strip_suffix("index.html") {
        target = dir.to_string();
    }
    let as_page = if target.is_empty() || target.ends_with('/') { target.clone() } else { format!("{target}/") };
    if printed.contains(&as_page) {
        let id = chapter_id(&as_page);
        return match anchor {
            Some(a) => format!("#{id}--{a}"),
            None => format!("#{id}"),
        };
    }
    relink::rebase(value, page_url, print_url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_anchors_and_ids_are_prefixed() {
        let printed: HashSet<String> = ["a/b/".to_string(), "a/c/".to_string()].into();
        let html = r##"<h2 id="x">X</h2><a href="../c/#y">c</a><a href="#x">x</a><img src="pic.png"><a href="../../other/">o</a><input type="checkbox" disabled checked=""/>"##;
        let out = rewrite(html, "a/b/", "print/", "ch-a-b", &printed);
        assert!(out.contains(r#"id="ch-a-b--x""#), "{out}");
        assert!(out.contains(r##"href="#ch-a-c--y""##), "{out}");
        assert!(out.contains(r##"href="#ch-a-b--x""##), "{out}");
        assert!(out.contains(r#"src="../a/b/pic.png""#), "{out}");
        assert!(out.contains(r#"href="../other/""#), "{out}");
        assert!(!out.contains("checked"), "{out}");
    }
}
