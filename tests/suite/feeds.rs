//! Discovery outputs: Atom feeds (site-wide and per section), `sitemap.xml`, `robots.txt`,
//! `404.html`, and the description, canonical and Open Graph tags of every page. The XML is
//! parsed back, so malformed output fails here.

use crate::common;

use std::fs;
use std::path::Path;

use common::*;

const ATOM: &str = "http://www.w3.org/2005/Atom";

fn xml(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Text of every `<name>` child of every `<entry>`.
fn entry_texts(doc: &roxmltree::Document, name: &str) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .flat_map(|e| e.children().filter(|c| c.has_tag_name((ATOM, name))).map(|c| c.text().unwrap_or("").to_string()))
        .collect()
}

#[test]
fn the_site_feed_lists_dated_pages_newest_first_with_absolute_urls() {
    let site = built_reader(&[]);
    let text = xml(&site.path().join("public/atom.xml"));
    let doc = roxmltree::Document::parse(&text).expect("atom.xml is well-formed XML");
    assert!(doc.root_element().has_tag_name((ATOM, "feed")));
    assert_eq!(entry_texts(&doc, "title"), ["Gamma guide", "Beta guide", "Alpha guide", "Note one"]);
    assert_eq!(
        entry_texts(&doc, "id"),
        [
            "https://example.org/hb/guides/gamma/",
            "https://example.org/hb/guides/beta/",
            "https://example.org/hb/guides/alpha/",
            "https://example.org/hb/notes/one/"
        ]
    );
    // Beta's `updated` is newer than every date, so it is the feed's.
    let updated: Vec<&str> =
        doc.root_element().children().filter(|c| c.has_tag_name((ATOM, "updated"))).filter_map(|c| c.text()).collect();
    assert_eq!(updated, ["2024-03-05T00:00:00Z"]);
    let self_link =
        doc.descendants().find(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel") == Some("self")).unwrap();
    assert_eq!(self_link.attribute("href"), Some("https://example.org/hb/atom.xml"));
    // Content is escaped HTML; relative links resolve against the entry's xml:base.
    let content = entry_texts(&doc, "content");
    assert!(content[1].contains("<li"), "{}", content[1]);
    let bases: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ATOM, "content")))
        .filter_map(|n| n.attribute(("http://www.w3.org/XML/1998/namespace", "base")))
        .collect();
    assert_eq!(bases[0], "https://example.org/hb/guides/gamma/");
}

#[test]
fn each_section_with_dated_pages_has_its_own_feed() {
    let site = built_reader(&[]);
    let guides = xml(&site.path().join("public/guides/atom.xml"));
    let doc = roxmltree::Document::parse(&guides).unwrap();
    assert_eq!(entry_texts(&doc, "title"), ["Gamma guide", "Beta guide", "Alpha guide"]);
    // A section's entries are also in the site's feed, whole; here they carry summaries only,
    // so feeds do not weigh the pages twice over (beta has neither summary nor description).
    assert!(entry_texts(&doc, "content").is_empty(), "{guides}");
    let summaries = entry_texts(&doc, "summary");
    assert_eq!(summaries.len(), 2, "{summaries:?}");
    assert!(summaries[1].starts_with("<p>Alpha talks about listening."), "{summaries:?}");
    let notes = xml(&site.path().join("public/notes/atom.xml"));
    assert_eq!(entry_texts(&roxmltree::Document::parse(&notes).unwrap(), "title"), ["Note one"]);
    // Pages link to the site feed, section pages to theirs too.
    let page = html(&site.path().join("public/guides/alpha/index.html"));
    assert_eq!(attrs(&page, "link[rel=alternate][type='application/atom+xml']", "href"), ["../../atom.xml"]);
    let section = html(&site.path().join("public/guides/index.html"));
    let feeds = attrs(&section, "link[rel=alternate][type='application/atom+xml']", "href");
    assert_eq!(feeds, ["../atom.xml", "../guides/atom.xml"]);
    let home = html(&site.path().join("public/index.html"));
    assert_eq!(attrs(&home, "link[rel=alternate][type='application/atom+xml']", "href"), ["./atom.xml"]);
}

#[test]
fn the_sitemap_lists_every_page_section_and_term_page() {
    let site = built_reader(&[]);
    let text = xml(&site.path().join("public/sitemap.xml"));
    let doc = roxmltree::Document::parse(&text).unwrap();
    const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let locs: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name((NS, "loc"))).filter_map(|n| n.text()).collect();
    for expected in [
        "https://example.org/hb/",
        "https://example.org/hb/guides/",
        "https://example.org/hb/guides/beta/",
        "https://example.org/hb/notes/one/",
        "https://example.org/hb/tags/",
        "https://example.org/hb/tags/coaching/page/2/",
        "https://example.org/hb/tags/f%C3%BChrung/",
    ] {
        assert!(locs.contains(&expected), "{expected} missing from {locs:?}");
    }
    // 5 pages + 3 sections + 3 taxonomy lists + 5 term pages (coaching has two); the two
    // `roles` terms that are roles redirect to `checklists/<role>/` and are left out.
    assert_eq!(locs.len(), 5 + 3 + 3 + 5, "{locs:?}");
    assert!(locs.iter().all(|l| l.starts_with("https://example.org/hb/")));
    let beta = doc.descendants().find(|n| n.text() == Some("https://example.org/hb/guides/beta/")).unwrap();
    let lastmod = beta.next_sibling_element().and_then(|n| n.text());
    assert_eq!(lastmod, Some("2024-03-05"));
    let robots = fs::read_to_string(site.path().join("public/robots.txt")).unwrap();
    assert!(robots.contains("User-agent: *\n"), "{robots}");
    assert!(robots.contains("Sitemap: https://example.org/hb/sitemap.xml\n"), "{robots}");
}

#[test]
fn without_base_url_there_is_no_feed_or_sitemap_and_robots_names_none() {
    let site = copy_fixture("reader");
    let config = site.path().join("mentorbook.yaml");
    fs::write(&config, fs::read_to_string(&config).unwrap().replace("base_url: https://example.org/hb\n", "")).unwrap();
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    assert!(!public.join("atom.xml").exists());
    assert!(!public.join("sitemap.xml").exists());
    assert!(!fs::read_to_string(public.join("robots.txt")).unwrap().contains("Sitemap"));
    let page = html(&public.join("guides/alpha/index.html"));
    assert!(attrs(&page, "link[rel=canonical]", "href").is_empty());
}

#[test]
fn pages_carry_description_canonical_and_open_graph_tags() {
    let site = built_reader(&[]);
    let public = site.path().join("public");
    let alpha = html(&public.join("guides/alpha/index.html"));
    assert_eq!(attrs(&alpha, "meta[name=description]", "content"), ["The first guide."]);
    assert_eq!(attrs(&alpha, "link[rel=canonical]", "href"), ["https://example.org/hb/guides/alpha/"]);
    assert_eq!(attrs(&alpha, "meta[property='og:title']", "content"), ["Alpha guide"]);
    assert_eq!(attrs(&alpha, "meta[property='og:description']", "content"), ["The first guide."]);
    assert_eq!(attrs(&alpha, "meta[property='og:url']", "content"), ["https://example.org/hb/guides/alpha/"]);
    assert_eq!(attrs(&alpha, "meta[property='og:type']", "content"), ["article"]);
    // Without a description of its own a page falls back to the site's.
    let gamma = html(&public.join("guides/gamma/index.html"));
    let site_description = "A fixture for taxonomies, feeds, aliases, print and search.";
    assert_eq!(attrs(&gamma, "meta[name=description]", "content"), [site_description]);
    let guides = html(&public.join("guides/index.html"));
    assert_eq!(attrs(&guides, "meta[property='og:title']", "content"), ["Guides"]);
    let term = html(&public.join("tags/coaching/page/2/index.html"));
    assert_eq!(attrs(&term, "link[rel=canonical]", "href"), ["https://example.org/hb/tags/coaching/page/2/"]);
}

#[test]
fn the_404_page_links_from_the_path_of_base_url_so_it_works_at_any_depth() {
    let site = built_reader(&[]);
    let doc = html(&site.path().join("public/404.html"));
    assert_eq!(texts(&doc, "h1"), ["Page not found"]);
    // The path only: a copy on another host (or `serve`) never sends readers to example.org.
    assert!(attrs(&doc, "link[rel=stylesheet]", "href").contains(&"/hb/style.css".to_string()));
    assert_eq!(attrs(&doc, "meta[name=robots]", "content"), ["noindex"]);
    assert!(attrs(&doc, ".not-found-links a", "href").contains(&"/hb/search/".to_string()));
    let hrefs = attrs(&doc, "[href], [src]", "href").into_iter().chain(attrs(&doc, "[src]", "src"));
    assert!(hrefs.filter(|h| !h.starts_with('#')).all(|h| h.starts_with("/hb/")), "every link starts at /hb/");
}

#[test]
fn without_base_url_the_404_page_links_from_the_host_root() {
    let site = copy_fixture("reader");
    let file = site.path().join("mentorbook.yaml");
    let config = fs::read_to_string(&file).unwrap().replace("base_url: https://example.org/hb\n", "");
    fs::write(&file, config).unwrap();
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/404.html"));
    assert!(attrs(&doc, "link[rel=stylesheet]", "href").contains(&"/style.css".to_string()));
    assert!(attrs(&doc, ".not-found-links a", "href").contains(&"/".to_string()));
}

#[test]
fn a_section_feed_entry_without_a_summary_carries_the_description() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            ("mentorbook.yaml", "title: Feeds\nbase_url: https://example.org/\nsearch: false\n"),
            ("content/talks/_index.md", "---\ntitle: Talks\n---\n"),
            (
                "content/talks/one.md",
                "---\ntitle: One\ndate: 2024-05-01\ndescription: Why we pair.\n---\nPairing [body](two.md) text.\n",
            ),
            ("content/talks/two.md", "---\ntitle: Two\ndate: 2024-05-02\n---\nThe second body.\n"),
        ],
    );
    build_ok(dir.path(), &[]);
    let section = xml(&dir.path().join("public/talks/atom.xml"));
    let doc = roxmltree::Document::parse(&section).unwrap();
    assert_eq!(entry_texts(&doc, "title"), ["Two", "One"]);
    assert_eq!(entry_texts(&doc, "summary"), ["<p>Why we pair.</p>"]);
    assert!(!section.contains("Pairing") && !section.contains("second body"), "{section}");
    // The site's feed has both pages whole.
    let site = xml(&dir.path().join("public/atom.xml"));
    let doc = roxmltree::Document::parse(&site).unwrap();
    let content = entry_texts(&doc, "content");
    assert!(content[0].contains("The second body.") && content[1].contains("Pairing"), "{content:?}");
}
