//! Taxonomy outputs: a list page per taxonomy with counts, a paginated page per term, stable
//! non-ASCII term URLs, and term links on pages.

use crate::common;

use std::fs;

use common::*;

#[test]
fn list_pages_show_every_term_with_its_count() {
    let site = built_reader(&[]);
    let public = site.path().join("public");
    let tags = html(&public.join("tags/index.html"));
    // `Coaching` and `coaching` are one term, named by the first spelling in sorted order.
    assert_eq!(texts(&tags, ".term-list a"), ["Coaching", "Führung", "领导力"]);
    assert_eq!(texts(&tags, ".term-count"), ["(4 pages)", "(1 page)", "(1 page)"]);
    assert_eq!(
        attrs(&tags, ".term-list a", "href"),
        ["../tags/coaching/", "../tags/f%C3%BChrung/", "../tags/%E9%A2%86%E5%AF%BC%E5%8A%9B/"]
    );
    let roles = html(&public.join("roles/index.html"));
    assert_eq!(texts(&roles, ".term-list a"), ["mentee", "mentor"]);
    let categories = html(&public.join("categories/index.html"));
    assert_eq!(texts(&categories, ".term-count"), ["(1 page)"]);
}

#[test]
fn non_ascii_terms_get_working_urls() {
    let site = built_reader(&[]);
    let public = site.path().join("public");
    for (dir, name) in [("tags/führung", "Führung"), ("tags/领导力", "领导力")] {
        let doc = html(&public.join(dir).join("index.html"));
        assert_eq!(texts(&doc, "h1"), [name]);
        assert_eq!(texts(&doc, ".page-list-title a").len(), 1);
    }
    // The page links to its terms with the same encoded URLs.
    let alpha = html(&public.join("guides/alpha/index.html"));
    let links = attrs(&alpha, ".page-terms a", "href");
    assert!(links.contains(&"../../tags/f%C3%BChrung/".to_string()), "{links:?}");
    assert!(links.contains(&"../../roles/mentor/".to_string()), "{links:?}");
    assert!(links.contains(&"../../categories/basics/".to_string()), "{links:?}");
}

#[test]
fn term_pages_paginate_and_list_summaries() {
    let site = built_reader(&[]);
    let public = site.path().join("public");
    // paginate_by: 2 and four pages tagged `coaching` (Coaching, coaching, one string value).
    let first = html(&public.join("tags/coaching/index.html"));
    assert_eq!(texts(&first, ".page-list-title a"), ["Gamma guide", "Beta guide"]);
    assert_eq!(attrs(&first, ".pager a[rel=next]", "href"), ["../../tags/coaching/page/2/"]);
    let second = html(&public.join("tags/coaching/page/2/index.html"));
    assert_eq!(texts(&second, ".page-list-title a"), ["Alpha guide", "Delta guide"]);
    assert_eq!(attrs(&second, ".pager a[rel=prev]", "href"), ["../../../../tags/coaching/"]);
    assert_eq!(texts(&second, ".pager [aria-current=page]"), ["2"]);
    assert!(!public.join("tags/coaching/page/3").exists());
    // Alpha's summary is the text before <!--more-->.
    let summary = texts(&second, ".page-list-summary");
    assert!(summary[0].contains("Alpha talks about listening"), "{summary:?}");
    assert!(!summary[0].contains("Afterwords"), "{summary:?}");
}

#[test]
fn config_chooses_taxonomies_and_page_size() {
    let site = copy_fixture("reader");
    let config = site.path().join("mentorbook.yaml");
    let text =
        fs::read_to_string(&config).unwrap().replace("paginate_by: 2", "paginate_by: 0\ntaxonomies: [tags, level]");
    fs::write(&config, text).unwrap();
    write_site(
        site.path(),
        &[("content/guides/epsilon.md", "---\ntitle: Epsilon\nlevel: [Leads, New hires]\n---\nE.\n")],
    );
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    assert!(!public.join("categories").exists());
    assert!(!public.join("roles").exists());
    let level = html(&public.join("level/index.html"));
    assert_eq!(texts(&level, ".term-list a"), ["Leads", "New hires"]);
    assert!(public.join("level/new-hires/index.html").is_file());
    // paginate_by: 0 keeps every page of a term on one page.
    let coaching = html(&public.join("tags/coaching/index.html"));
    assert_eq!(texts(&coaching, ".page-list-title a").len(), 4);
    assert!(!public.join("tags/coaching/page").exists());
}

#[test]
fn a_taxonomy_name_that_is_not_a_url_segment_is_a_config_error() {
    let site = copy_fixture("reader");
    let config = site.path().join("mentorbook.yaml");
    fs::write(&config, fs::read_to_string(&config).unwrap() + "taxonomies: [Tags]\n").unwrap();
    let out = mentorbook(site.path(), &["build"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("mentorbook.yaml:6:1: error: taxonomy `Tags`"), "{stderr}");
}

#[test]
fn sections_paginate_when_their_index_sets_paginate_by() {
    let site = copy_fixture("reader");
    let index = "---\ntitle: Guides\npaginate_by: 3\n---\nAll the guides.\n";
    write_site(site.path(), &[("content/guides/_index.md", index)]);
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    let first = html(&public.join("guides/index.html"));
    assert_eq!(texts(&first, ".page-list-title a"), ["Gamma guide", "Beta guide", "Alpha guide"]);
    assert_eq!(attrs(&first, ".pager a[rel=next]", "href"), ["../guides/page/2/"]);
    let second = html(&public.join("guides/page/2/index.html"));
    assert_eq!(texts(&second, ".page-list-title a"), ["Delta guide"]);
    assert_eq!(attrs(&second, "link[rel=canonical]", "href"), ["https://example.org/hb/guides/page/2/"]);
    assert_eq!(attrs(&second, ".pager a[rel=prev]", "href"), ["../../../guides/"]);
    // Sections without the key stay on one page, whatever the config's `paginate_by` says.
    assert!(texts(&html(&public.join("notes/index.html")), ".pager").is_empty());
    assert!(!public.join("notes/page").exists());
}
