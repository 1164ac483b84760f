//! Mermaid blocks (GUIDE §3) become inline SVG at build time: with a role and a name, ids unique
//! on the page, on the print page and in feeds, no script; Hugo's `mermaid` shortcode too; a
//! diagram that cannot be drawn stays visible as its source, with a warning at its line; one
//! left to draw later (`serve`'s first build) shows its source and is never cached so.

use crate::common;

use std::collections::HashSet;
use std::fs;
use std::sync::atomic::AtomicBool;

use mentorbook::config::Config;
use mentorbook::content::load::LoadOptions;
use mentorbook::content::select::Selection;
use mentorbook::site::cache::Cache;
use mentorbook::site::model::{Later, Model};

use common::*;

const PAGE: &str = "---
title: Pairing
date: 2026-01-05
---
How a pairing starts.

```mermaid
sequenceDiagram
    Mentee->>+Mentor: Could you mentor me?
    Mentor-->>-Mentee: Yes<BR>let's meet
```

```mermaid
flowchart LR
    A[Apply] --> B{Matched?}
    B -->|yes| C[First meeting]
```

{{< mermaid >}}
graph TD
  Goals --> Review
{{< /mermaid >}}

```mermaid
flowchart TD
  Broken-->
```

`mermaid` in inline code stays code.
";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            ("mentorbook.yaml", "title: Diagrams\nbase_url: https://example.org/\n"),
            ("content/guides/pairing.md", PAGE),
            (
                "content/guides/again.md",
                "---\ntitle: Again\ndate: 2026-01-06\n---\n```mermaid\nflowchart LR\n    A[Apply] --> B{Matched?}\n```\n",
            ),
        ],
    );
    dir
}

fn ids(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("[id]").unwrap();
    doc.select(&sel).filter_map(|e| e.value().attr("id").map(str::to_string)).collect()
}

fn duplicates(ids: &[String]) -> Vec<&String> {
    let mut seen = HashSet::new();
    ids.iter().filter(|id| !seen.insert(*id)).collect()
}

#[test]
fn mermaid_blocks_become_named_svg_and_a_broken_one_stays_source_with_a_warning() {
    let dir = site();
    let log = build_ok(dir.path(), &[]);
    let file = dir.path().join("public/guides/pairing/index.html");
    let body = fs::read_to_string(&file).unwrap();
    let page = html(&file);
    let names = attrs(&page, "figure.diagram > svg", "aria-label");
    assert_eq!(names.len(), 3, "three diagrams drawn (one from the shortcode): {names:?}");
    assert!(names[0].starts_with("Diagram: ") && names[0].contains("Could you mentor me?"), "{names:?}");
    assert!(names[2].contains("Goals") && names[2].contains("Review"), "{names:?}");
    assert_eq!(attrs(&page, "figure.diagram > svg", "role"), ["img", "img", "img"]);
    assert_eq!(texts(&page, "figure.diagram > svg > title"), names, "the title says what the name says");
    assert!(!body.contains("&lt;BR&gt;") && !body.contains("&lt;br"), "<BR> is a line break, not text");
    let scripts = attrs(&page, "script[src]", "src");
    assert!(!scripts.is_empty(), "the theme's own scripts are found");
    assert!(scripts.iter().all(|src| !src.to_lowercase().contains("mermaid")), "no diagram script: {scripts:?}");
    assert!(texts(&page, "script").iter().all(|t| !t.to_lowercase().contains("mermaid")), "no inline diagram script");
    // The broken one: its source, and a warning at the line of its fence.
    let code = texts(&page, "pre code.language-mermaid");
    assert_eq!(code.len(), 1, "{code:?}");
    assert!(code[0].contains("Broken-->"), "{code:?}");
    assert!(log.contains("content/guides/pairing.md:24:1: warning: this Mermaid diagram could not be drawn"), "{log}");
    assert!(texts(&page, "p code").contains(&"mermaid".to_string()));
    // Ids stay unique with several diagrams on a page, and every reference finds its id.
    let page_ids = ids(&body);
    assert!(duplicates(&page_ids).is_empty(), "duplicate ids: {:?}", duplicates(&page_ids));
    for reference in body.split("url(#").skip(1).filter_map(|r| r.split(')').next()) {
        assert!(page_ids.iter().any(|id| id == reference), "url(#{reference}) names no id");
    }
}

#[test]
fn print_and_feeds_keep_diagram_ids_unique_and_their_references_whole() {
    let dir = site();
    build_ok(dir.path(), &[]);
    let print = fs::read_to_string(dir.path().join("public/print/index.html")).unwrap();
    assert!(print.matches("<figure class=\"diagram").count() >= 4, "both pages' diagrams are printed");
    let print_ids = ids(&print);
    assert!(duplicates(&print_ids).is_empty(), "duplicate ids on the print page: {:?}", duplicates(&print_ids));
    let refs: Vec<&str> = print.split("url(#").skip(1).filter_map(|r| r.split(')').next()).collect();
    assert!(!refs.is_empty());
    for reference in refs {
        assert!(print_ids.iter().any(|id| id == reference), "print: url(#{reference}) names no id");
    }
    let feed = fs::read_to_string(dir.path().join("public/atom.xml")).unwrap();
    assert!(feed.contains("&lt;svg"), "the feed carries the drawn diagram");
}

#[test]
fn check_accepts_a_site_with_diagrams_and_reports_the_broken_one() {
    let dir = site();
    let out = mentorbook(dir.path(), &["check"]).output().expect("run");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("pairing.md:24:1"), "{text}");
    assert!(!text.contains("panicked"), "{text}");
}

/// Loads `root` into a model with its build cache, leaving undrawn diagrams to `later`.
fn load_later(root: &std::path::Path, later: &Later) -> String {
    let config = Config::load(root).unwrap();
    let out = root.join("public");
    let load = LoadOptions { selection: Selection::new(false), output: Some(&out), disguise: None };
    let cache = Cache::open(root, &out);
    let (model, _) = Model::load_cached(config, &load, cache, Some(later)).map_err(|f| f.errors).unwrap();
    let i = model.library.page_ids().find(|&i| model.library.page(i).url.contains("later")).unwrap();
    model.rendered[i.0].html.clone()
}

/// A page of `n` flowcharts whose node names start with `node`.
fn diagrams_page(node: &str, n: usize) -> String {
    let blocks: String =
        (0..n).map(|k| format!("```mermaid\nflowchart LR\n    {node}x{k} --> Drawn\n```\n\n")).collect();
    format!("---\ntitle: Later\n---\n{blocks}")
}

/// A site whose one page has `n` flowcharts with node names no other test draws (drawn diagrams
/// are kept for the life of the process), and those names' prefix.
fn later_site(tag: &str, n: usize) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let node = format!("{tag}{}", std::process::id());
    write_site(dir.path(), &[("mentorbook.yaml", "title: T\n"), ("content/later.md", &diagrams_page(&node, n))]);
    (dir, node)
}

/// How many drawn diagrams `html` holds.
fn drawn_count(html: &str) -> usize {
    scraper::Html::parse_document(html).select(&scraper::Selector::parse("figure.diagram > svg").unwrap()).count()
}

#[test]
fn a_few_new_diagrams_are_drawn_at_once_even_when_they_could_wait() {
    let (dir, _) = later_site("Few", 3);
    let later = Later::default();
    let html = load_later(dir.path(), &later);
    assert_eq!(drawn_count(&html), 3, "{html}");
    assert!(!html.contains("language-mermaid") && !later.waiting());
}

#[test]
fn diagrams_left_for_later_show_their_source_and_never_reach_the_cache() {
    // More diagrams than are drawn at once.
    let (dir, node) = later_site("Node", 17);
    let later = Later::default();
    let first = load_later(dir.path(), &later);
    assert!(first.contains("language-mermaid") && first.contains(&node) && drawn_count(&first) == 0, "{first}");
    assert_eq!(later.count(), 17);
    assert!(later.waiting());
    // The page with its source was not cached: loading again leaves the diagram again.
    let again = Later::default();
    assert_eq!(drawn_count(&load_later(dir.path(), &again)), 0);
    assert!(again.waiting(), "a page rendered before its diagram was drawn came from the cache");
    // Once drawn (and cancellable: a set flag draws nothing), the page shows the drawing.
    assert!(!again.draw(None, &AtomicBool::new(true)) && again.waiting());
    assert!(again.draw(None, &AtomicBool::new(false)) && !again.waiting());
    let last = Later::default();
    let drawn = load_later(dir.path(), &last);
    assert_eq!(drawn_count(&drawn), 17);
    assert!(!drawn.contains("language-mermaid"), "{drawn}");
    assert!(!last.waiting());
    // A build never leaves a diagram for later.
    build_ok(dir.path(), &[]);
    assert_eq!(drawn_count(&fs::read_to_string(dir.path().join("public/later/index.html")).unwrap()), 17);
}
