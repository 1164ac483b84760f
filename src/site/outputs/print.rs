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
use crate::site::output::{Origin, Output, Stream};
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
/// The whole-handbook page is made piece by piece into the stream `open(path, size)` gives.
pub fn render<'s>(
    views: &Views,
    renderer: &Renderer,
    cache: Option<&Cache>,
    open: &dyn Fn(&str, usize) -> Box<dyn Stream + 's>,
) -> Result<Vec<Output>, Vec<Diagnostic>> {
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
    let mut global = KeyBuilder::new("print");
    global.add(PRINT_URL.as_bytes());
    for o in &order {
        global.add(item_url(views, o.item).as_bytes());
    }
    // One batch of chapters, in order: from the cache as one entry when it has them.
    let batch = |entries: &[Entry]| -> Vec<String> {
        match cache {
            None => entries.par_iter().map(rewrite_one).collect(),
            Some(cache) => {
                let place = |_: &Entry| 0;
                let input = |o: &Entry, key: &mut KeyBuilder| {
                    key.add(item_url(views, o.item).as_bytes()).add(html_of(o).as_bytes()).add(&[o.depth as u8]);
                };
                bucketed(cache, "print", &global, entries, usize::MAX, place, input, rewrite_one, |_| true)
            }
        }
    };
    let ranges = batches(&order, |o| url::fnv1a(item_url(views, o.item).as_bytes()));
    // The template renders with a numbered slot for each chapter's body, and the bodies are
    // rewritten a batch at a time and put in their slots in order, into a stream (written as it
    // goes into a new output folder), so that neither every body at once, nor a copy of them in
    // the template's context, nor (when written as it goes) the page itself is ever held whole
    // (10,000 pages, search off: peak 859 -> 797 MiB for the slots, 586 -> 495 MiB with the
    // batches, 495 -> 463 MiB with the stream).
    let page = render_book(views, renderer, &order, slot).and_then(|book| {
        let Some(cuts) = slot_cuts(&book.bytes, order.len()) else {
            // A theme's template that shows a body other than once, in order, gets them all.
            let contents: Vec<String> = ranges.iter().flat_map(|r| batch(&order[r.clone()])).collect();
            return render_book(views, renderer, &order, |n| contents[n].clone());
        };
        let bodies: usize = order.iter().map(|o| html_of(o).len()).sum();
        let mut out = open(&book.path, book.bytes.len() + bodies);
        let mut from = 0;
        let mut cuts = cuts.into_iter();
        for range in &ranges {
            for (body, (at, end)) in batch(&order[range.clone()]).into_iter().zip(cuts.by_ref()) {
                out.push(&book.bytes[from..at]);
                out.push(body.as_bytes());
                from = end;
            }
        }
        out.push(&book.bytes[from..]);
        out.finish(book.origin)
    });
    let mut results = vec![page];
    results.extend(redirects(views, renderer));
    collect(results)
}

/// About how many chapters a batch of the print page holds: a batch ends after a chapter
/// whose URL's hash is a multiple of this (or at [`MAX_BATCH`]), so that a batch, one entry
/// of the build cache, keeps its chapters as others come and go elsewhere.
const BATCH: u64 = 64;

/// The most chapters in one batch.
const MAX_BATCH: usize = 256;

/// `items` cut into consecutive batches, where `hash` of an item says where one ends.
fn batches<T>(items: &[T], hash: impl Fn(&T) -> u64) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (n, item) in items.iter().enumerate() {
        if hash(item).is_multiple_of(BATCH) || n + 1 - start >= MAX_BATCH {
            ranges.push(start..n + 1);
            start = n + 1;
        }
    }
    if start < items.len() {
        ranges.push(start..items.len());
    }
    ranges
}

/// Marks a chapter's body in the rendered print template until it is put there.
const SLOT: &str = "\u{1}mentorbook-print-chapter:";

/// The slot of chapter `n`.
fn slot(n: usize) -> String {
    format!("{SLOT}{n}\u{1}")
}

/// Where each of the `count` chapter slots lies in `html` (start and end), or `None` unless
/// every slot appears exactly once and in order.
fn slot_cuts(html: &[u8], count: usize) -> Option<Vec<(usize, usize)>> {
    let html = std::str::from_utf8(html).ok()?;
    let mut cuts = Vec::with_capacity(count);
    for (n, (at, _)) in html.match_indices(SLOT).enumerate() {
        let expected = slot(n);
        let end = at + expected.len();
        if html.get(at..end)? != expected {
            return None;
        }
        cuts.push((at, end));
    }
    (cuts.len() == count).then_some(cuts)
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
    fn slots_count_only_when_each_is_shown_once_in_order() {
        let html = format!("<h1>T</h1>{}<hr>{}<end>", slot(0), slot(1));
        let cuts = slot_cuts(html.as_bytes(), 2).expect("both slots, in order");
        assert_eq!(&html[cuts[0].0..cuts[0].1], slot(0));
        assert_eq!(&html[cuts[1].0..cuts[1].1], slot(1));
        for (why, html) in [
            ("out of order", format!("{}{}", slot(1), slot(0))),
            ("twice", format!("{}{}{}", slot(0), slot(0), slot(1))),
            ("one missing", slot(0)),
            ("none", "<p>a theme that shows no bodies</p>".to_string()),
            ("a later slot repeated", format!("{}{}{}", slot(0), slot(1), slot(1))),
        ] {
            assert!(slot_cuts(html.as_bytes(), 2).is_none(), "{why}: {html:?}");
        }
    }

    #[test]
    fn batches_cover_everything_in_order_and_keep_their_bounds_as_items_come_and_go() {
        let items: Vec<u64> = (0..2000).map(|n| url::fnv1a(format!("page-{n}/").as_bytes())).collect();
        let ranges = batches(&items, |h| *h);
        assert_eq!(ranges.first().map(|r| r.start), Some(0));
        assert_eq!(ranges.last().map(|r| r.end), Some(items.len()));
        assert!(ranges.windows(2).all(|w| w[0].end == w[1].start), "{ranges:?}");
        assert!(ranges.len() > 4 && ranges.iter().all(|r| !r.is_empty() && r.len() <= MAX_BATCH));
        // An item inserted near the end changes no batch before it.
        let mut more = items.clone();
        more.insert(1900, 12_345);
        let after = batches(&more, |h| *h);
        let before_edit =
            |rs: &[std::ops::Range<usize>]| rs.iter().filter(|r| r.end <= 1800).cloned().collect::<Vec<_>>();
        assert_eq!(before_edit(&ranges), before_edit(&after));
        assert!(batches(&Vec::<u64>::new(), |h| *h).is_empty());
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
