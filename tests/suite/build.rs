//! Whole-site tests: the `basic` fixture built in a temp dir and checked by parsing the HTML.

use crate::common;

use std::fs;
use std::path::Path;

use common::*;

fn built() -> tempfile::TempDir {
    let site = copy_fixture("basic");
    build_ok(site.path(), &[]);
    site
}

#[test]
fn writes_every_page_section_and_asset() {
    let site = built();
    let out = files(&site.path().join("public"));
    for expected in [
        "index.html",
        "guides/index.html",
        "guides/first/index.html",
        "guides/second/index.html",
        "guides/handout.csv",
        "mentee/index.html",
        "mentee/goals/index.html",
        "mentee/jekyll-post/index.html",
        "mentee/plain-note/index.html",
        "notes/index.html",
        "notes/bundle/index.html",
        "notes/bundle/diagram.svg",
        "style.css",
        "syntax.css",
    ] {
        assert!(out.contains(&expected.to_string()), "missing {expected} in {out:?}");
    }
    assert!(!out.iter().any(|f| f.contains("secret") || f.contains("hidden") || f.ends_with('~')), "{out:?}");
}

#[test]
fn drafts_leave_no_byte_in_a_production_build() {
    let site = built();
    for (file, bytes) in snapshot(&site.path().join("public")) {
        let text = String::from_utf8_lossy(&bytes);
        for needle in ["Secret draft plan", "Unpublished idea", "never be published", "secret/"] {
            assert!(!text.contains(needle), "{needle} leaked into {file}");
        }
    }
    let drafts = site.path().join("with-drafts");
    build_ok(site.path(), &["--drafts", "--output", drafts.to_str().unwrap()]);
    let page = html(&drafts.join("guides/secret/index.html"));
    assert_eq!(texts(&page, "h1"), ["Secret draft plan"]);
    assert_eq!(texts(&page, ".draft-banner").len(), 1);
}

#[test]
fn titles_follow_the_inference_order() {
    let site = built();
    let public = site.path().join("public");
    let title = |p: &str| texts(&html(&public.join(p)), "main h1");
    assert_eq!(title("guides/first/index.html"), ["First <guide>"], "front matter, escaped once");
    assert_eq!(title("mentee/goals/index.html"), ["2019"], "integer TOML title");
    assert_eq!(title("mentee/jekyll-post/index.html"), ["A heading title"], "first # heading");
    assert_eq!(title("mentee/plain-note/index.html"), ["Weekly sync"], "short first line");
    assert_eq!(title("notes/index.html"), ["Notes"], "folder without _index.md");
    let post = html(&public.join("mentee/jekyll-post/index.html"));
    let body = texts(&post, ".page-content").concat();
    assert!(body.contains("Body of a post") && !body.contains("A heading title"), "title heading not repeated: {body}");
    assert_eq!(texts(&post, "time"), ["2024-05-01"], "date from the Jekyll file name");
}

#[test]
fn links_are_relative_and_resolve_inside_the_output() {
    let site = built();
    let public = site.path().join("public");
    let first = html(&public.join("guides/first/index.html"));
    let hrefs = attrs(&first, "main a", "href");
    assert!(hrefs.contains(&"../../mentee/goals/#write-them-down".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"../../notes/bundle/".to_string()), "{hrefs:?}");
    assert_eq!(attrs(&first, "link[rel=canonical]", "href"), ["https://example.org/handbook/guides/first/"]);
    // 404.html is shown at any depth, so it links from the base path (tests/suite/feeds.rs).
    for file in files(&public).into_iter().filter(|f| f.ends_with(".html") && f != "404.html") {
        let doc = html(&public.join(&file));
        let dir = Path::new(&file).parent().unwrap();
        for link in
            attrs(&doc, "a[href], link[href]", "href").into_iter().chain(attrs(&doc, "img[src], script[src]", "src"))
        {
            if link.starts_with("http")
                || link.starts_with('#')
                || link.starts_with("mailto:")
                || link.ends_with("nowhere.md")
            {
                continue;
            }
            assert!(!link.starts_with('/'), "absolute link {link} in {file}");
            let path = link.split('#').next().unwrap();
            let target = public.join(dir).join(path);
            let target = if path.is_empty() || path.ends_with('/') { target.join("index.html") } else { target };
            assert!(target.exists(), "{file}: {link} does not resolve ({})", target.display());
        }
    }
}

#[test]
fn markdown_features_reach_the_page() {
    let site = built();
    let doc = html(&site.path().join("public/guides/first/index.html"));
    assert!(!texts(&doc, "main pre.code span[class^=\"hl-l\"]").is_empty(), "highlighted with classes");
    assert!(attrs(&doc, "main [style]", "style").is_empty(), "no inline styles");
    assert_eq!(texts(&doc, "main .table-wrap table th"), ["When", "What"]);
    assert_eq!(attrs(&doc, "main input[type=checkbox]", "type").len(), 2);
    assert_eq!(texts(&doc, "main .alert-note .alert-title"), ["Note"]);
    let toc = texts(&doc, "nav[aria-label='Table of contents'] a");
    assert_eq!(toc, ["Plan ahead", "Details"]);
    assert_eq!(attrs(&doc, "a[rel=next]", "href"), ["../../guides/second/"]);
    let bundle = html(&site.path().join("public/notes/bundle/index.html"));
    assert_eq!(attrs(&bundle, "main img", "src"), ["../../notes/bundle/diagram.svg"]);
}

#[test]
fn sections_list_pages_with_summaries() {
    let site = built();
    let public = site.path().join("public");
    let guides = fs::read_to_string(public.join("guides/index.html")).unwrap();
    assert!(guides.contains("The opening paragraph is the summary."));
    assert!(!guides.contains("Plan ahead"), "only the part before <!--more-->");
    let home = html(&public.join("index.html"));
    let nav = texts(&home, "nav#sidebar a");
    assert!(nav.iter().any(|t| t == "Guides"), "{nav:?}");
}

#[test]
fn two_builds_write_identical_bytes() {
    let site = copy_fixture("basic");
    let a = site.path().join("a");
    let b = site.path().join("b");
    build_ok(site.path(), &["--output", a.to_str().unwrap()]);
    build_ok(site.path(), &["--output", b.to_str().unwrap()]);
    assert_eq!(snapshot(&a), snapshot(&b));
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = built();
    let public = site.path().join("public");
    let before = snapshot(&public);
    fs::write(site.path().join("content/guides/second.md"), "---\ntitle: [broken\n---\n").unwrap();
    fs::remove_file(site.path().join("content/mentee/plain-note.md")).unwrap();
    mentorbook(site.path(), &["build"]).assert().code(1);
    assert_eq!(snapshot(&public), before);
}

#[test]
fn removed_pages_disappear_and_unchanged_files_are_not_rewritten() {
    let site = built();
    fs::remove_file(site.path().join("content/mentee/plain-note.md")).unwrap();
    let out = build_ok(site.path(), &[]);
    assert!(!site.path().join("public/mentee/plain-note").exists());
    // The page, and the search index files that named it (Pagefind names files by content hash).
    assert!(!out.contains(" 0 removed"), "{out}");
    let again = build_ok(site.path(), &[]);
    assert!(again.contains("(0 written"), "{again}");
}

#[test]
fn base_url_flag_and_index_html_links() {
    let site = copy_fixture("basic");
    fs::write(site.path().join("mentorbook.yaml"), "title: T\nlink_to_index_html: true\n").unwrap();
    build_ok(site.path(), &["--base-url", "https://intranet.example/mentoring"]);
    let doc = html(&site.path().join("public/guides/first/index.html"));
    assert_eq!(attrs(&doc, "link[rel=canonical]", "href"), ["https://intranet.example/mentoring/guides/first/"]);
    let hrefs = attrs(&doc, "main a", "href");
    assert!(hrefs.contains(&"../../mentee/goals/index.html#write-them-down".to_string()), "{hrefs:?}");
}

#[test]
fn encodings_line_endings_and_odd_front_matter_are_read() {
    let site = tempfile::tempdir().unwrap();
    let content = site.path().join("content");
    fs::create_dir_all(&content).unwrap();
    fs::write(content.join("bom.md"), b"\xEF\xBB\xBF---\r\ntitle: With BOM\r\n---\r\nText\r\n").unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("---\r\ntitle: Sixteen\r\n---\r\nWide\r\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    fs::write(content.join("utf16.md"), utf16).unwrap();
    fs::write(content.join("dots.md"), "---\ntitle: Dots\n...\nBody\n").unwrap();
    fs::write(content.join("empty-fm.md"), "---\n---\n# Empty front matter\n").unwrap();
    fs::write(content.join("break.md"), "---\n- [a](b.md)\n").unwrap();
    let out = build_ok(site.path(), &[]);
    assert!(out.contains("break.md:1:1: warning"), "{out}");
    let public = site.path().join("public");
    for (page, title) in [
        ("bom", "With BOM"),
        ("utf16", "Sixteen"),
        ("dots", "Dots"),
        ("empty-fm", "Empty front matter"),
        ("break", "Break"),
    ] {
        assert_eq!(texts(&html(&public.join(page).join("index.html")), "main h1"), [title], "{page}");
    }
}

#[test]
fn theme_overrides_go_site_then_named_theme_then_default() {
    let site = copy_fixture("basic");
    fs::write(site.path().join("mentorbook.yaml"), "theme: plain\n").unwrap();
    write_site(
        site.path(),
        &[
            ("themes/plain/templates/page.html", "<main><h1>theme {{ page.title }}</h1></main>"),
            ("themes/plain/templates/section.html", "<main><h1>theme section {{ section.title }}</h1></main>"),
            ("themes/plain/static/style.css", "/* theme */"),
            ("templates/section.html", "<main><h1>site section {{ section.title }}</h1></main>"),
            ("static/extra.txt", "site static"),
        ],
    );
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    assert_eq!(texts(&html(&public.join("guides/first/index.html")), "h1"), ["theme First <guide>"]);
    assert_eq!(texts(&html(&public.join("guides/index.html")), "h1"), ["site section Guides"]);
    assert_eq!(fs::read_to_string(public.join("style.css")).unwrap(), "/* theme */");
    assert_eq!(fs::read_to_string(public.join("extra.txt")).unwrap(), "site static");
    assert_eq!(
        texts(&html(&public.join("index.html")), "header.site-header").len(),
        1,
        "index.html still from the default theme"
    );
}

#[test]
fn templates_escape_front_matter_values() {
    let site = built();
    let page = fs::read_to_string(site.path().join("public/guides/first/index.html")).unwrap();
    assert!(page.contains("First &lt;guide&gt;"));
    assert!(!page.contains("First <guide>"));
}

#[test]
fn draft_sections_and_bundles_leave_nothing_behind() {
    let site = tempfile::tempdir().unwrap();
    write_site(
        site.path(),
        &[
            ("content/ok.md", "---\ntitle: Published page\n---\nFine."),
            ("content/secret-plans/_index.md", "---\ntitle: Secret plans\ndraft: true\n---\n"),
            ("content/secret-plans/a.md", "---\ntitle: Plan A\n---\n"),
            ("content/secret-plans/sub/confidential.png", "png"),
            ("content/bundle-x/index.md", "---\ntitle: Bundle X\ndraft: true\n---\n"),
            ("content/bundle-x/diagram.svg", "<svg/>"),
            ("content/plans/index.md", "---\ntitle: Hidden plans\npublished: false\n---\n"),
            ("content/plans/one.md", "---\ntitle: Plan one\n---\n"),
        ],
    );
    let out = build_ok(site.path(), &[]);
    assert!(out.contains("5 drafts skipped"), "{out}");
    let public = site.path().join("public");
    let written = files(&public);
    assert!(
        written.iter().all(|f| !f.contains("secret") && !f.contains("bundle-x") && !f.contains("plans")),
        "{written:?}"
    );
    for (file, bytes) in snapshot(&public) {
        let text = String::from_utf8_lossy(&bytes);
        for needle in ["Secret plans", "Plan A", "Bundle X", "Hidden plans", "Plan one", "secret-plans", "bundle-x"] {
            assert!(!text.contains(needle), "{needle} leaked into {file}");
        }
    }
    let drafts = site.path().join("preview");
    build_ok(site.path(), &["--drafts", "--output", drafts.to_str().unwrap()]);
    for f in ["secret-plans/sub/confidential.png", "bundle-x/diagram.svg", "plans/one/index.html"] {
        assert!(drafts.join(f).is_file(), "{f} missing from the drafts build");
    }
}

#[test]
fn folders_with_only_assets_are_not_sections() {
    let site = tempfile::tempdir().unwrap();
    write_site(site.path(), &[("content/a.md", "A"), ("content/images/logo.png", "png")]);
    build_ok(site.path(), &[]);
    let public = site.path().join("public");
    assert!(public.join("images/logo.png").is_file());
    assert!(!public.join("images/index.html").exists());
    assert!(!texts(&html(&public.join("index.html")), "header nav a").iter().any(|t| t == "Images"));
}

#[test]
fn a_section_slug_renames_its_folder() {
    let site = tempfile::tempdir().unwrap();
    write_site(site.path(), &[("content/sec/_index.md", "---\nslug: renamed\n---\n"), ("content/sec/a.md", "A")]);
    build_ok(site.path(), &[]);
    assert!(site.path().join("public/renamed/a/index.html").is_file());
}

#[test]
fn bundle_folders_and_site_urls_are_linkable() {
    let site = copy_fixture("basic");
    fs::write(
        site.path().join("content/guides/third.md"),
        "---\ntitle: Third\n---\n[folder](../notes/bundle/) [root](/mentee/goals/#write-them-down) [url](../../mentee/goals/) [sibling](second/)\n",
    )
    .unwrap();
    let out = build_ok(site.path(), &[]);
    assert!(!out.contains("third.md"), "no warnings about third.md:\n{out}");
    let doc = html(&site.path().join("public/guides/third/index.html"));
    assert_eq!(
        attrs(&doc, ".page-content a[href]", "href"),
        ["../../notes/bundle/", "../../mentee/goals/#write-them-down", "../../mentee/goals/", "../../guides/second/"]
    );
}

#[test]
fn a_static_file_replaces_the_generated_file_of_that_name() {
    // Found when merging the reader outputs: a site's own static/404.html collided with the
    // generated 404.html and failed the build.
    let site = copy_fixture("basic");
    write_site(
        site.path(),
        &[("static/404.html", "<h1>Lost in the handbook</h1>"), ("static/robots.txt", "User-agent: *\nDisallow: /\n")],
    );
    build_ok(site.path(), &[]);
    let out = site.path().join("public");
    assert_eq!(fs::read_to_string(out.join("404.html")).unwrap(), "<h1>Lost in the handbook</h1>");
    assert_eq!(fs::read_to_string(out.join("robots.txt")).unwrap(), "User-agent: *\nDisallow: /\n");
}
