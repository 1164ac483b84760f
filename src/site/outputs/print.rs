//! Print outputs: the whole handbook on one page (`print/`), in reading order, ready for
//! "Print to PDF", and small redirects that keep every other print URL working.
//!
//! Every page is printed once. Each section below the home page is a part of the whole-handbook
//! page (`<section id="part-…">`, nested as the sections are), and its print URL
//! (`<section>/print/`) is a redirect to `print/#part-<section>`: there the stylesheet (`:target`)
//! shows and prints only that part, at any depth, so a chapter prints without a second copy of
//! its pages. A single page, or one checklist, prints from its own page with the print
//! stylesheet; the URLs of the one-sheet checklist pages of earlier versions
//! (`checklists/print/<page>/<anchor>/`) redirect to the checklist's print link there.
//!
//! Reading order is a section's own text, its pages, then its subsections, depth first. Every
//! page's HTML is reused as rendered, with its ids prefixed by its chapter id (two pages may both
//! have a `#goals` heading), links to printed pages turned into in-page anchors, other relative
//! links re-aimed from the print page's folder, and checkboxes unticked.

use std::collections::HashSet;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::aliases::redirect;
use super::{collect, render_at};
use crate::checklist;
use crate::content::{PageId, SectionId, url};
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::site::cache::{Cache, KeyBuilder, bucketed};
use crate::site::output::{Origin, Output};
use crate::site::relink;
use crate::site::views::Views;

/// The whole-handbook print page.
const PRINT_URL: &str = "print/";

/// One page or section text in a print page.
#[derive(Serialize)]
struct Chapter {
    /// Anchor id (`ch-mentors-first-meeting`).
    id: String,
    /// Title.
    title: String,
    /// Nesting depth below the home page, from 0.
    depth: usize,
    /// Heading level of its title (`h2` for the section, one more each level down, at most 6);
    /// its own headings are shifted below it.
    level: usize,
    /// True for a section's own text (starts a new chapter on paper).
    is_section: bool,
    /// For a section's text: the id of the part it opens (`part-mentors`); else empty.
    part: String,
    /// How many parts end after this chapter.
    close: usize,
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

/// The id of the part that holds the section at root-relative `section_url`.
pub fn part_id(section_url: &str) -> String {
    format!("part-{}", url::slugify(section_url))
}

/// The whole-handbook print page, and the redirects at every section's print URL and at every
/// checklist's old print-sheet URL.
pub fn render(views: &Views, renderer: &Renderer, cache: Option<&Cache>) -> Result<Vec<Output>, Vec<Diagnostic>> {
    let mut order = Vec::new();
    walk(views, SectionId::ROOT, 0, &mut order);
    let printed: HashSet<&str> = order.iter().map(|o| item_url(views, o.item)).collect();
    let html_of = |o: &Entry| match o.item {
        Item::Section(i) => views.library.section(i).own_page.map_or("", |p| views.rendered(p).html.as_str()),
        Item::Page(i) => views.rendered(i).html.as_str(),
    };
    // Each chapter's HTML rewritten for the print page: a pure function of its HTML, its URL
    // and which URLs are printed, so it can come from the cache.
    let rewrite_one = |o: &Entry| {
        let url = item_url(views, o.item);
        // Its own headings go below its title, which is one level further down per depth.
        relink::shift_headings(
            &rewrite(html_of(o), url, PRINT_URL, &chapter_id(url), &printed),
            (o.depth + 2).min(6) - 1,
        )
    };
    let contents: Vec<String> = match cache {
        None => order.par_iter().map(rewrite_one).collect(),
        Some(cache) => {
            let mut global = KeyBuilder::new("print");
            global.add(PRINT_URL.as_bytes());
            for o in &order {
                global.add(item_url(views, o.item).as_bytes());
            }
            let place = |o: &Entry| url::fnv1a(item_url(views, o.item).as_bytes());
            let input = |o: &Entry, key: &mut KeyBuilder| {
                key.add(item_url(views, o.item).as_bytes()).add(html_of(o).as_bytes()).add(&[o.depth as u8]);
            };
            bucketed(cache, "print", &global, &order, 100, place, input, rewrite_one, |_| true)
        }
    };
    // The template renders with a numbered slot for each chapter's body, spliced in afterwards,
    // so the bodies (the bulk of the page) are not copied into the template's context and again
    // into its output (10,000 pages, search off: peak 859 -> 797 MiB).
    let slotted = !contents.iter().any(|c| c.contains(SLOT));
    let mut contents = contents;
    let page = render_book(views, renderer, &order, slot).and_then(|mut book| {
        match slotted.then(|| splice(&book.bytes, &mut contents)).flatten() {
            Some(bytes) => {
                book.bytes = bytes;
                Ok(book)
            }
            // A theme's template that shows a body other than once, in order, gets them all.
            None => render_book(views, renderer, &order, |n| contents[n].clone()),
        }
    });
    let mut results = vec![page];
    results.extend(redirects(views, renderer));
    collect(results)
}

/// Marks a chapter's body in the rendered print template until [`splice`] puts it there.
const SLOT: &str = "\u{1}mentorbook-print-chapter:";

/// The slot of chapter `n`.
fn slot(n: usize) -> String {
    format!("{SLOT}{n}\u{1}")
}

/// `html` with each chapter's slot replaced by its body from `contents` (drained), or `None`,
/// `contents` untouched, unless every slot appears exactly once and in order.
fn splice(html: &[u8], contents: &mut Vec<String>) -> Option<Vec<u8>> {
    let html = std::str::from_utf8(html).ok()?;
    let mut cuts = Vec::with_capacity(contents.len());
    for (n, (at, _)) in html.match_indices(SLOT).enumerate() {
        let expected = slot(n);
        let end = at + expected.len();
        if html.get(at..end)? != expected {
            return None;
        }
        cuts.push((at, end));
    }
    if cuts.len() != contents.len() {
        return None;
    }
    let mut out = Vec::with_capacity(html.len() + contents.iter().map(String::len).sum::<usize>());
    let mut from = 0;
    for ((at, end), body) in cuts.into_iter().zip(contents.drain(..)) {
        out.extend_from_slice(&html.as_bytes()[from..at]);
        out.extend_from_slice(body.as_bytes());
        from = end;
    }
    out.extend_from_slice(&html.as_bytes()[from..]);
    Some(out)
}

/// The whole-handbook print page, chapter `n`'s body given by `content(n)`.
fn render_book(
    views: &Views,
    renderer: &Renderer,
    order: &[Entry],
    content: impl Fn(usize) -> String,
) -> Result<Output, Diagnostic> {
    let chapters: Vec<Chapter> = order
        .iter()
        .enumerate()
        .map(|(n, o)| {
            let content = content(n);
            let item_url = item_url(views, o.item);
            let (title, is_section) = match o.item {
                Item::Section(i) => (views.titles.section(i), true),
                Item::Page(i) => (views.titles.page(i), false),
            };
            let part = if o.opens { part_id(item_url) } else { String::new() };
            let id = chapter_id(item_url);
            let level = (o.depth + 2).min(6);
            Chapter { id, title: title.to_string(), depth: o.depth, level, is_section, part, close: o.close, content }
        })
        .collect();
    let root = views.library.section(SectionId::ROOT);
    let mut ctx = Context::new();
    ctx.insert("title", views.titles.section(SectionId::ROOT));
    ctx.insert("chapters", &chapters);
    ctx.insert("section_url", &views.link(&root.url));
    // The cover's lead is the home page's: content/_index.md's description, else the config's.
    let own_description = root.own_page.and_then(|i| views.library.page(i).meta.description.clone());
    ctx.insert("lead", &own_description.unwrap_or_else(|| views.config.description.clone()));
    let origin = root
        .own_page
        .map_or_else(|| Origin::generated("print page"), |i| Origin::at(&views.library.page(i).file, 0, "print page"));
    render_at(views, renderer, "print.html", PRINT_URL, ctx, origin)
}

/// A redirect at each section's print URL into its part of the whole-handbook page, and at
/// each checklist's old print-sheet URL to its print link on its page.
fn redirects(views: &Views, renderer: &Renderer) -> Vec<Result<Output, Diagnostic>> {
    let lib = views.library;
    let book = views.link(PRINT_URL);
    let mut jobs: Vec<(String, String, &str, Origin)> = Vec::new();
    for s in lib.section_ids().filter(|&s| s != SectionId::ROOT) {
        let sec = lib.section(s);
        let target = format!("{book}#{}", part_id(&sec.url));
        let origin = sec.own_page.map_or_else(
            || Origin::generated("section print redirect"),
            |i| Origin::at(&lib.page(i).file, 0, "section print redirect"),
        );
        jobs.push((format!("{}{PRINT_URL}index.html", sec.url), target, &sec.url, origin));
    }
    for page in lib.reading_order() {
        let p = lib.page(page);
        for c in &views.rendered(page).checklists {
            let target = format!("{}#{}", views.link(&p.url), url::encode_path(&c.print_anchor));
            let origin = Origin::at(&p.file, c.line, "checklist print redirect");
            jobs.push((format!("{}index.html", checklist::sheet_url(&c.id)), target, &p.url, origin));
        }
    }
    jobs.into_par_iter()
        .map(|(file, target, canonical, origin)| redirect(views, renderer, file, &target, canonical, origin))
        .collect()
}

/// One entry of the reading order: what it is, how deep, whether it opens a part and how many
/// parts end after it.
struct Entry {
    item: Item,
    depth: usize,
    opens: bool,
    close: usize,
}

/// The root-relative URL of a section or page.
fn item_url<'a>(views: &'a Views, item: Item) -> &'a str {
    match item {
        Item::Section(s) => &views.library.section(s).url,
        Item::Page(p) => &views.library.page(p).url,
    }
}

/// Section `s`, then its pages, then its subsections, depth first; every section but the home
/// page is a part that ends after its last entry.
fn walk(views: &Views, s: SectionId, depth: usize, order: &mut Vec<Entry>) {
    let sec = views.library.section(s);
    let opens = s != SectionId::ROOT;
    order.push(Entry { item: Item::Section(s), depth, opens, close: 0 });
    order.extend(sec.pages.iter().map(|&p| Entry { item: Item::Page(p), depth: depth + 1, opens: false, close: 0 }));
    for &sub in &sec.subsections {
        walk(views, sub, depth + 1, order);
    }
    if let (true, Some(last)) = (opens, order.last_mut()) {
        last.close += 1;
    }
}

/// Rewrites one page's HTML for the print page at `print_url`; see the module docs.
fn rewrite(html: &str, page_url: &str, print_url: &str, chapter: &str, printed: &HashSet<&str>) -> String {
    relink::rewrite_attrs(html, true, |name, value| match name {
        "href" | "src" => Some(retarget(value, page_url, print_url, chapter, printed)),
        _ if relink::ID_ATTRS.contains(&name) => Some(relink::prefix_ids(value, chapter)),
        _ => relink::prefix_url_ref(value, chapter),
    })
}

/// One `href`/`src` value: in-page and printed-page links become anchors, other relative links
/// are re-aimed from the print page, absolute ones stay.
fn retarget(value: &str, page_url: &str, print_url: &str, chapter: &str, printed: &HashSet<&str>) -> String {
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
    if printed.contains(as_page.as_str()) {
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
    fn bodies_are_spliced_only_into_slots_shown_once_in_order() {
        let bodies = || vec!["<p>one</p>".to_string(), "<p>two</p>".to_string()];
        let html = format!("<h1>T</h1>{}<hr>{}<end>", slot(0), slot(1));
        let mut contents = bodies();
        let out = splice(html.as_bytes(), &mut contents).expect("both slots, in order");
        assert_eq!(String::from_utf8(out).unwrap(), "<h1>T</h1><p>one</p><hr><p>two</p><end>");
        assert!(contents.is_empty(), "the bodies are moved into the page");
        for (why, html) in [
            ("out of order", format!("{}{}", slot(1), slot(0))),
            ("twice", format!("{}{}{}", slot(0), slot(0), slot(1))),
            ("one missing", slot(0)),
            ("none", "<p>a theme that shows no bodies</p>".to_string()),
            ("a later slot repeated", format!("{}{}{}", slot(0), slot(1), slot(1))),
        ] {
            let mut contents = bodies();
            assert!(splice(html.as_bytes(), &mut contents).is_none(), "{why}: {html:?}");
            assert_eq!(contents, bodies(), "{why}: the bodies stay for the full render");
        }
    }

    #[test]
    fn links_become_anchors_and_ids_are_prefixed() {
        let printed: HashSet<&str> = ["a/b/", "a/c/"].into();
        let html = r##"<h2 id="x">X</h2><a href="../c/#y">c</a><a href="#x">x</a><img src="pic.png"><a href="../../other/">o</a><input type="checkbox" disabled checked=""/><marker id="m"/><path marker-end="url(#m)"/>"##;
        let out = rewrite(html, "a/b/", "print/", "ch-a-b", &printed);
        assert!(out.contains(r#"id="ch-a-b--x""#), "{out}");
        assert!(out.contains(r##"href="#ch-a-c--y""##), "{out}");
        assert!(out.contains(r##"href="#ch-a-b--x""##), "{out}");
        assert!(out.contains(r#"src="../a/b/pic.png""#), "{out}");
        assert!(out.contains(r#"href="../other/""#), "{out}");
        assert!(!out.contains("checked"), "{out}");
        assert!(out.contains(r#"marker-end="url(#ch-a-b--m)""#), "a diagram's arrowheads follow its ids: {out}");
    }
}
