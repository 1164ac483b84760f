//! The search index (Pagefind, built in process), the search page and the header search box;
//! the browser test `browser_search.rs` checks that a search finds a page.

mod common;

use std::fs;

use common::*;

#[test]
fn the_index_covers_every_page_and_section_and_nothing_else() {
    let site = built_reader(&[]);
    let public = site.path().join("public");
    let entry: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(public.join("pagefind/pagefind-entry.json")).unwrap()).unwrap();
    // 5 pages and 3 sections; taxonomy, print, alias, search and 404 pages are not indexed.
    assert_eq!(entry["languages"]["en"]["page_count"], 8, "{entry}");
    let fragments = files(&public.join("pagefind/fragment"));
    assert_eq!(fragments.len(), 8, "{fragments:?}");
    for file in
        ["pagefind/pagefind.js", "pagefind/pagefind-ui.js", "pagefind/pagefind-ui.css", "pagefind/wasm.en.pagefind"]
    {
        assert!(public.join(file).is_file(), "{file}");
    }
}

#[test]
fn every_page_has_a_search_box_that_leads_to_the_search_page() {
    let site = built_reader(&[]);
    let public = site.path().join("public");
    for file in ["index.html", "guides/alpha/index.html", "tags/coaching/page/2/index.html"] {
        let doc = html(&public.join(file));
        let action = attrs(&doc, "form[role=search]", "action");
        assert_eq!(action.len(), 1, "{file}");
        let dir = std::path::Path::new(file).parent().unwrap();
        assert!(public.join(dir).join(&action[0]).join("index.html").is_file(), "{file}: {action:?}");
        assert_eq!(attrs(&doc, "form[role=search] input[type=search]", "name"), ["q"]);
        assert_eq!(texts(&doc, "form[role=search] label"), ["Search the handbook"]);
    }
    let search = html(&public.join("search/index.html"));
    assert_eq!(attrs(&search, "#search", "data-root"), ["../"]);
    for src in attrs(&search, "script[src]", "src").into_iter().chain(attrs(&search, "link[rel=stylesheet]", "href")) {
        assert!(public.join("search").join(&src).is_file(), "{src}");
    }
}

#[test]
fn search_false_builds_no_index_no_page_and_no_box() {
    let site = built_reader_with("search: false\n");
    let public = site.path().join("public");
    assert!(!public.join("pagefind").exists());
    assert!(!public.join("search").exists());
    assert!(attrs(&html(&public.join("guides/alpha/index.html")), "form[role=search]", "action").is_empty());
    assert!(attrs(&html(&public.join("404.html")), ".not-found-links a", "href").len() == 1);
}
