//! The sidebar and book order (issue 11, point 1): the handbook's tree is written once, as
//! `toc.js`, in book order; previous and next follow that order across section boundaries
//! (a playbook's steps stay among themselves); pages carry only the top-level sections, so
//! their size does not grow with the site.

use crate::common;

use std::fs;
use std::path::Path;

use common::*;

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    write_site(
        dir.path(),
        &[
            ("mentorbook.yaml", "title: Nav\n"),
            ("content/_index.md", "---\ntitle: Nav\n---\nHome text.\n"),
            ("content/about.md", "---\ntitle: About\n---\nText.\n"),
            ("content/a/_index.md", "---\ntitle: Part A\nweight: 1\n---\n"),
            ("content/a/one.md", "---\ntitle: A one\nweight: 1\n---\nText.\n"),
            ("content/a/two.md", "---\ntitle: A two\nweight: 2\n---\nText.\n"),
            ("content/a/deep/_index.md", "---\ntitle: Deep\n---\n"),
            ("content/a/deep/three.md", "---\ntitle: Deep three\n---\nText.\n"),
            ("content/b/_index.md", "---\ntitle: Part B\nweight: 2\n---\n"),
            ("content/b/four.md", "---\ntitle: B four\n---\nText.\n"),
            ("content/p/_index.md", "---\ntitle: Program\nweight: 3\nplaybook: true\n---\n"),
            ("content/p/s1.md", "---\ntitle: Step one\nweight: 1\n---\nText.\n"),
            ("content/p/s2.md", "---\ntitle: Step two\nweight: 2\n---\nText.\n"),
            ("content/z/_index.md", "---\ntitle: Last part\nweight: 4\n---\n"),
            ("content/z/end.md", "---\ntitle: The end\n---\nText.\n"),
        ],
    );
    build_ok(dir.path(), &[]);
    dir
}

fn prev_next(public: &Path, page: &str) -> (Vec<String>, Vec<String>) {
    let doc = html(&public.join(page));
    (attrs(&doc, ".pagination a[rel=prev]", "href"), attrs(&doc, ".pagination a[rel=next]", "href"))
}

#[test]
fn the_tree_is_one_script_in_book_order() {
    let site = site();
    let js = fs::read_to_string(site.path().join("public/toc.js")).expect("toc.js");
    let tree = js.split_once('=').expect("assignment").1.trim().trim_end_matches(';');
    let tree: serde_json::Value = serde_json::from_str(tree).expect("json");
    let expected = serde_json::json!([
        ["About", "about/"],
        [
            "Part A",
            "a/",
            [["A one", "a/one/"], ["A two", "a/two/"], ["Deep", "a/deep/", [["Deep three", "a/deep/three/"]]]]
        ],
        ["Part B", "b/", [["B four", "b/four/"]]],
        ["Program", "p/", [["Step one", "p/s1/"], ["Step two", "p/s2/"]]],
        ["Last part", "z/", [["The end", "z/end/"]]]
    ]);
    assert_eq!(tree, expected);
    // Every page loads it and the script that draws it; the page itself lists only the top.
    let doc = html(&site.path().join("public/a/one/index.html"));
    let scripts = attrs(&doc, "script[src]", "src");
    assert!(scripts.contains(&"../../toc.js".to_string()) && scripts.contains(&"../../nav.js".to_string()));
    assert_eq!(texts(&doc, "#sidebar [data-toc] a"), ["Part A", "Part B", "Program", "Last part"]);
    assert_eq!(attrs(&doc, "#sidebar [data-current]", "data-current"), Vec::<String>::new());
    assert_eq!(attrs(&doc, "nav#sidebar", "data-current"), ["a/one/"]);
}

#[test]
fn previous_and_next_cross_sections_in_book_order() {
    let site = site();
    let public = site.path().join("public");
    // Last page of a section → its subsection, then the next section's list page.
    assert_eq!(prev_next(&public, "a/two/index.html"), (vec!["../../a/one/".into()], vec!["../../a/deep/".into()]));
    assert_eq!(
        prev_next(&public, "a/deep/three/index.html"),
        (vec!["../../../a/deep/".into()], vec!["../../../b/".into()])
    );
    // A section's list page sits between what comes before it and its first page.
    assert_eq!(prev_next(&public, "b/index.html"), (vec!["../a/deep/three/".into()], vec!["../b/four/".into()]));
    assert_eq!(prev_next(&public, "a/index.html"), (vec!["../about/".into()], vec!["../a/one/".into()]));
    assert_eq!(prev_next(&public, "about/index.html"), (vec!["../".into()], vec!["../a/".into()]));
    // The home page leads into the book too.
    assert_eq!(prev_next(&public, "index.html"), (vec![], vec!["./about/".into()]));
    // Playbook steps lead only to each other.
    assert_eq!(prev_next(&public, "p/s1/index.html"), (vec![], vec!["../../p/s2/".into()]));
    assert_eq!(prev_next(&public, "p/s2/index.html"), (vec!["../../p/s1/".into()], vec![]));
    // The section after a playbook goes back to its last step.
    assert_eq!(prev_next(&public, "z/index.html").0, ["../p/s2/"]);
}

#[test]
fn logo_announcement_and_footer_links_come_from_the_config() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_site(
        dir.path(),
        &[
            (
                "mentorbook.yaml",
                "title: Nav\nextra:\n  logo: logo.svg\n  announcement: Applications close on Friday.\n  footer_links:\n    - {title: Privacy, url: privacy/}\n    - {title: Intranet, url: \"https://intranet.example.org/\"}\n",
            ),
            ("static/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            ("content/privacy.md", "---\ntitle: Privacy\n---\nText.\n"),
            ("content/a/one.md", "---\ntitle: One\n---\nText.\n"),
        ],
    );
    build_ok(dir.path(), &[]);
    let doc = html(&dir.path().join("public/a/one/index.html"));
    assert_eq!(attrs(&doc, ".site-title img.site-logo", "src"), ["../../logo.svg"]);
    assert_eq!(texts(&doc, ".announcement"), ["Applications close on Friday."]);
    assert_eq!(attrs(&doc, ".footer-links a", "href"), ["../../privacy/", "https://intranet.example.org/"]);
    assert_eq!(attrs(&doc, "link[rel=icon]", "href"), ["../../favicon.svg"]);
    assert!(dir.path().join("public/favicon.svg").is_file());
    // A site's own favicon.ico is its icon (the default theme's svg would otherwise win).
    write_site(dir.path(), &[("static/favicon.ico", "ico")]);
    build_ok(dir.path(), &[]);
    let doc = html(&dir.path().join("public/a/one/index.html"));
    assert_eq!(attrs(&doc, "link[rel=icon]", "href"), ["../../favicon.ico"]);
    assert_eq!(attrs(&doc, "link[rel=icon]", "type"), ["image/x-icon"]);
}

#[test]
fn a_term_page_says_what_it_lists_in_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_site(
        dir.path(),
        &[("mentorbook.yaml", "title: T\n"), ("content/a.md", "---\ntitle: A\ntags: [feedback]\n---\nText.\n")],
    );
    build_ok(dir.path(), &[]);
    let doc = html(&dir.path().join("public/tags/feedback/index.html"));
    assert_eq!(texts(&doc, "main .lead"), ["1 page listed under “feedback”"], "not “1 page in tags”");
}
