//! Print pages: the whole handbook and each section on one page, in reading order, with
//! in-page links, unique ids, unticked boxes and no navigation chrome.

mod common;

use std::collections::HashSet;

use common::*;

#[test]
fn the_whole_handbook_prints_in_reading_order_on_one_page() {
    let site = built_reader(&[]);
    let public = site.path().join("public");
    let doc = html(&public.join("print/index.html"));
    let chapters = texts(&doc, ".print-chapter-title");
    // Home text, the guides section, its pages in section order (newest first), then notes.
    assert_eq!(chapters[0], "Reader Handbook");
    assert_eq!(chapters[1], "Guides");
    assert_eq!(chapters.len(), 1 + 1 + 4 + 1 + 1, "{chapters:?}");
    assert_eq!(chapters.last().unwrap(), "Note one");
    assert_eq!(texts(&doc, ".print-toc a"), chapters, "the TOC lists every chapter");
    // No navigation chrome.
    assert!(texts(&doc, ".site-header, .site-nav, .breadcrumbs, .site-footer, .pagination").is_empty());
    // Every TOC link and every in-page link lands on an id of this page, and ids are unique
    // although alpha and beta both have a `#listening` heading.
    let ids = attrs(&doc, "[id]", "id");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids: {ids:?}");
    for href in attrs(&doc, "a[href^='#']", "href") {
        assert!(unique.contains(&href[1..].to_string()), "{href} has no target");
    }
}

#[test]
fn internal_links_become_anchors_and_assets_still_resolve() {
    let site = built_reader(&[]);
    let public = site.path().join("public");
    let doc = html(&public.join("print/index.html"));
    let hrefs = attrs(&doc, "#ch-guides-alpha a", "href");
    assert!(hrefs.contains(&"#ch-guides-beta--second-part".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"#ch-notes-one".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"#ch-guides-alpha--listening".to_string()), "{hrefs:?}");
    let images = attrs(&doc, "img", "src");
    assert_eq!(images, ["../notes/pic.svg"]);
    assert!(public.join("print").join(&images[0]).is_file());
    // Checkboxes print empty, whatever the source said.
    let boxes = attrs(&doc, "input[type=checkbox]", "type");
    assert_eq!(boxes.len(), 2);
    assert!(attrs(&doc, "input[checked]", "type").is_empty());
}

#[test]
fn each_section_has_its_own_print_page() {
    let site = built_reader(&[]);
    let public = site.path().join("public");
    let guides = html(&public.join("guides/print/index.html"));
    assert_eq!(
        texts(&guides, ".print-chapter-title"),
        ["Guides", "Gamma guide", "Beta guide", "Alpha guide", "Delta guide"]
    );
    // A link to a page outside the section stays a link, aimed from the print page.
    let hrefs = attrs(&guides, "#ch-guides-alpha a", "href");
    assert!(hrefs.contains(&"../../notes/one/".to_string()), "{hrefs:?}");
    assert!(public.join("notes/one/index.html").is_file());
    let notes = html(&public.join("notes/print/index.html"));
    assert_eq!(texts(&notes, ".print-chapter-title"), ["Notes", "Note one"]);
    assert_eq!(attrs(&notes, "img", "src"), ["../../notes/pic.svg"]);
    assert!(public.join("notes/print/../../notes/pic.svg").is_file());
}

#[test]
fn chapters_start_new_sheets_and_checklist_buttons_do_not_print() {
    let site = built_reader(&[]);
    let public = site.path().join("public");
    let doc = html(&public.join("print/index.html"));
    let sheets = attrs(&doc, "link[rel=stylesheet]", "href");
    assert!(sheets.contains(&"../style.css".to_string()), "{sheets:?}");
    let css = std::fs::read_to_string(public.join("style.css")).unwrap();
    let print = &css[css.rfind("@media print").expect("a print block")..];
    let rule = |selector: &str| print.find(selector).map(|i| &print[i..i + print[i..].find('}').unwrap()]);
    assert!(rule(".print-chapter,").is_some_and(|r| r.contains("break-before: page")), "{print}");
    assert!(rule(".checklist button").is_some_and(|r| r.contains("display: none")), "{print}");
}

#[test]
fn the_whole_handbook_print_page_keeps_the_outline() {
    let site = built_reader(&[]);
    let doc = html(&site.path().join("public/print/index.html"));
    // The home text (depth 0) is an h2, the guides section an h3, its pages h4.
    assert_eq!(texts(&doc, "h2.print-chapter-title"), ["Reader Handbook"]);
    assert_eq!(texts(&doc, "h3.print-chapter-title"), ["Guides", "Notes"]);
    assert!(texts(&doc, "h4.print-chapter-title").contains(&"Alpha guide".to_string()));
    // A page's own `##` headings sit below its title.
    assert!(texts(&doc, "#ch-guides-alpha .prose :is(h2, h3, h4)").is_empty());
    assert!(!texts(&doc, "#ch-guides-alpha .prose h5").is_empty());
}
