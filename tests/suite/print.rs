//! Print outputs: the whole handbook on one page, in reading order, with in-page links, unique
//! ids, unticked boxes and no navigation chrome; each section printing from its part of that
//! page (no page printed twice); old print URLs redirecting; single checklists printing from
//! their own page.

use crate::common;

use std::collections::HashSet;
use std::fs;
use std::path::Path;

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

/// The `url=` of a redirect page's meta refresh.
fn redirect_target(file: &Path) -> String {
    let doc = html(file);
    let refresh = attrs(&doc, "meta[http-equiv=refresh]", "content");
    assert_eq!(refresh.len(), 1, "{} is not a redirect", file.display());
    refresh[0].split_once("url=").map(|(_, u)| u.to_string()).unwrap_or_default()
}

#[test]
fn each_section_prints_from_its_part_of_the_whole_handbook() {
    let site = built_reader(&[]);
    let public = site.path().join("public");
    let book = html(&public.join("print/index.html"));
    // The section's print URL is a small redirect into its part of the whole handbook.
    assert_eq!(redirect_target(&public.join("guides/print/index.html")), "../../print/#part-guides");
    assert_eq!(redirect_target(&public.join("notes/print/index.html")), "../../print/#part-notes");
    assert!(fs::metadata(public.join("guides/print/index.html")).unwrap().len() < 1024);
    // The part holds the section's text and pages, in section order, and nothing else.
    assert_eq!(
        texts(&book, "#part-guides .print-chapter-title"),
        ["Guides", "Gamma guide", "Beta guide", "Alpha guide", "Delta guide"]
    );
    assert_eq!(texts(&book, "#part-notes .print-chapter-title"), ["Notes", "Note one"]);
    // Assets and links resolve from the one print page.
    assert_eq!(attrs(&book, "#part-notes img", "src"), ["../notes/pic.svg"]);
    // Only one print page is left: a page's HTML is printed once.
    let print_pages: Vec<String> = files(&public)
        .into_iter()
        .filter(|f| f.ends_with(".html") && !texts(&html(&public.join(f)), ".print-chapter").is_empty())
        .collect();
    assert_eq!(print_pages, ["print/index.html"]);
    // The stylesheet shows and prints only the targeted part.
    let css = fs::read_to_string(public.join("style.css")).unwrap();
    assert!(css.contains(".print-book:has(.print-part:target) :is(.print-toc, .print-part, .print-chapter):not(:target, :has(:target), :target *)"), "no part rule");
}

#[test]
fn nested_sections_are_nested_parts_and_every_old_print_url_redirects() {
    let dir = tempfile::tempdir().unwrap();
    write_site(
        dir.path(),
        &[
            ("mentorbook.yaml", "title: Deep\n"),
            ("content/_index.md", "---\ntitle: Home\n---\n\nWelcome.\n"),
            ("content/a/_index.md", "---\ntitle: Part A\n---\n\nAbout A.\n"),
            ("content/a/one.md", "---\ntitle: One\n---\n\nmarker-one\n\n## Before {.checklist}\n\n- Book a room\n"),
            ("content/a/b/_index.md", "---\ntitle: Part B\n---\n\nAbout B.\n"),
            ("content/a/b/two.md", "---\ntitle: Two\n---\n\nmarker-two\n"),
            ("content/a/b/c/three.md", "---\ntitle: Three\n---\n\nmarker-three\n"),
            ("content/z.md", "---\ntitle: Zed\n---\n\nmarker-zed\n"),
        ],
    );
    build_ok(dir.path(), &[]);
    let public = dir.path().join("public");
    let book = html(&public.join("print/index.html"));
    // Parts nest as the sections do; the home page's own pages are in no part.
    assert_eq!(attrs(&book, ".print-part", "id"), ["part-a", "part-a-b", "part-a-b-c"]);
    assert_eq!(attrs(&book, "#part-a > .print-part", "id"), ["part-a-b"]);
    assert_eq!(texts(&book, "#part-a-b .print-chapter-title"), ["Part B", "Two", "C", "Three"]);
    assert!(texts(&book, ".print-part .print-chapter-title").iter().all(|t| t != "Zed"));
    for (section, part) in [("a", "part-a"), ("a/b", "part-a-b"), ("a/b/c", "part-a-b-c")] {
        let depth = section.matches('/').count() + 2;
        let want = format!("{}print/#{part}", "../".repeat(depth));
        assert_eq!(redirect_target(&public.join(section).join("print/index.html")), want);
    }
    // Every page's text is printed once, in the one print page.
    let all_print: String = files(&public)
        .into_iter()
        .filter(|f| f.contains("print/"))
        .map(|f| fs::read_to_string(public.join(f)).unwrap())
        .collect();
    for marker in ["marker-one", "marker-two", "marker-three", "marker-zed"] {
        assert_eq!(all_print.matches(marker).count(), 1, "{marker}");
    }
    // The old one-sheet URL of a checklist redirects to its print link on its page.
    let old = public.join("checklists/print/a/one/before/index.html");
    assert_eq!(redirect_target(&old), "../../../../../a/one/#print-before");
    let one = html(&public.join("a/one/index.html"));
    assert_eq!(attrs(&one, "form.checklist > .print-target", "id"), ["print-before"]);
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

#[test]
fn the_print_cover_leads_with_the_home_pages_description() {
    let site = built_reader(&[]);
    let public = site.path().join("public");
    let lead = |file: &str| texts(&html(&public.join(file)), "main .lead");
    assert_eq!(lead("print/index.html"), lead("index.html"), "the config's description, as on the home page");
    fs::write(
        site.path().join("content/_index.md"),
        "---\ntitle: Reader Handbook\ndescription: The home page's own lead\n---\nWelcome to the handbook.\n",
    )
    .unwrap();
    build_ok(site.path(), &[]);
    assert_eq!(lead("print/index.html"), ["The home page's own lead"]);
    assert_eq!(lead("index.html"), ["The home page's own lead"]);
}

/// A site's own `print.html` may show the chapters' bodies in any order, or twice: the print
/// page holds what it says, never a placeholder.
#[test]
fn a_site_print_template_gets_every_body_wherever_it_shows_them() {
    let bodies = |site: &Path| {
        let page = fs::read_to_string(site.join("public/print/index.html")).expect("print page");
        assert!(!page.contains('\u{1}'), "no placeholder is left in the page");
        page
    };
    let default = built_reader(&[]);
    let forward = bodies(default.path());
    let chapters = attrs(&html(&default.path().join("public/print/index.html")), ".print-chapter", "id");
    for (name, template, times) in [
        ("reversed", "{% for c in chapters | reverse %}<div class=body>{{ c.content | safe }}</div>{% endfor %}", 1),
        ("twice", "{% for c in chapters %}{{ c.content | safe }}{{ c.content | safe }}{% endfor %}", 2),
    ] {
        let site = copy_fixture("reader");
        fs::create_dir_all(site.path().join("templates")).expect("templates");
        fs::write(site.path().join("templates/print.html"), template).expect("template");
        build_ok(site.path(), &[]);
        let page = bodies(site.path());
        // Every chapter's rewritten body (the same as the default page prints) is there.
        let mut ids_in_bodies = 0;
        for id in &chapters {
            let anchor = format!("id=\"{id}--");
            let expected = forward.matches(&anchor).count();
            assert_eq!(page.matches(&anchor).count(), expected * times, "{name}: chapter {id}");
            ids_in_bodies += expected;
        }
        assert!(ids_in_bodies > 0, "the fixture's bodies carry prefixed ids: {ids_in_bodies}");
    }
}

#[test]
fn a_large_handbook_prints_the_same_written_as_it_goes_or_held_in_memory() {
    // Enough pages for many batches of chapters, with links and ids to rewrite in each.
    let site = tempfile::tempdir().unwrap();
    let mut files = vec![("mentorbook.yaml".to_string(), "title: Large\nsearch: false\n".to_string())];
    for s in 0..6 {
        files.push((format!("content/part-{s}/_index.md"), format!("---\ntitle: Part {s}\n---\n\nAbout part {s}.\n")));
        for p in 0..90 {
            let next = format!("../page-{}/", (p + 1) % 90);
            files.push((
                format!("content/part-{s}/page-{p}.md"),
                format!(
                    "---\ntitle: Page {s}-{p}\nweight: {p}\n---\n\n## Goals\n\nSee [the next]({next}) and [goals](#goals).\n\n- [ ] Item {s}-{p}\n"
                ),
            ));
        }
    }
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    write_site(site.path(), &borrowed);
    // Into a new folder the page is written as it is made; over an earlier build it is held.
    build_ok(site.path(), &["--output", "fresh"]);
    build_ok(site.path(), &["--output", "held"]);
    fs::remove_file(site.path().join("held/print/index.html")).unwrap();
    build_ok(site.path(), &["--output", "held"]);
    let fresh = fs::read(site.path().join("fresh/print/index.html")).unwrap();
    let held = fs::read(site.path().join("held/print/index.html")).unwrap();
    assert!(fresh == held, "the two ways differ");
    let doc = html(&site.path().join("fresh/print/index.html"));
    assert_eq!(texts(&doc, ".print-chapter-title").len(), 1 + 6 * 91, "every chapter, once");
    let ids = attrs(&doc, "[id]", "id");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids");
    for href in attrs(&doc, "a[href^='#']", "href") {
        assert!(unique.contains(&href[1..].to_string()), "{href} has no target");
    }
    let names: Vec<String> = fs::read_dir(site.path().join("fresh/print"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["index.html"], "a temporary file was left");
}
