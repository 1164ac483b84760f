//! Reading aids on every page: reading time and word count, breadcrumbs, "last updated" (front
//! matter, else the file's last git commit, else none) and the "edit this page" link.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "T")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "T")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .env("GIT_AUTHOR_DATE", "2025-01-02T03:04:05+01:00")
        .env("GIT_COMMITTER_DATE", "2025-01-02T03:04:05+01:00")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn pages_show_reading_time_word_count_and_breadcrumbs() {
    let site = built_reader(&[]);
    let doc = html(&site.path().join("public/guides/alpha/index.html"));
    assert_eq!(texts(&doc, ".reading-time"), ["1 min read"]);
    let words = texts(&doc, ".word-count");
    assert!(
        words[0].ends_with(" words") && words[0].split(' ').next().unwrap().parse::<usize>().unwrap() > 10,
        "{words:?}"
    );
    assert_eq!(texts(&doc, ".breadcrumbs li"), ["Home", "Guides", "Alpha guide"]);
    assert_eq!(attrs(&doc, ".breadcrumbs a", "href"), ["../../", "../../guides/"]);
}

#[test]
fn last_updated_comes_from_front_matter_else_git_else_nothing() {
    // Outside a git repository: only the front matter date shows.
    let site = built_reader(&[]);
    let public = site.path().join("public");
    let beta = html(&public.join("guides/beta/index.html"));
    assert_eq!(texts(&beta, ".page-updated time"), ["2024-03-05"]);
    assert!(texts(&html(&public.join("guides/gamma/index.html")), ".page-updated").is_empty());

    // In a repository, pages without `updated` get their file's last commit date.
    git(site.path(), &["init", "-q"]);
    git(site.path(), &["add", "content"]);
    git(site.path(), &["commit", "-q", "-m", "content"]);
    build_ok(site.path(), &[]);
    let gamma = html(&public.join("guides/gamma/index.html"));
    assert_eq!(texts(&gamma, ".page-updated time"), ["2025-01-02"]);
    assert_eq!(attrs(&gamma, ".page-updated time", "datetime"), ["2025-01-02T03:04:05+01:00"]);
    let beta = html(&public.join("guides/beta/index.html"));
    assert_eq!(texts(&beta, ".page-updated time"), ["2024-03-05"], "front matter wins over git");
    // A file that is not committed has no date.
    write_site(site.path(), &[("content/guides/fresh.md", "---\ntitle: Fresh\n---\nNew.\n")]);
    build_ok(site.path(), &[]);
    assert!(texts(&html(&public.join("guides/fresh/index.html")), ".page-updated").is_empty());
    // The sitemap uses the same dates.
    let sitemap = fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://example.org/hb/guides/gamma/</loc><lastmod>2025-01-02</lastmod>"),
        "{sitemap}"
    );
}

#[test]
fn edit_links_follow_edit_url() {
    let site = built_reader(&[]);
    let doc = html(&site.path().join("public/guides/alpha/index.html"));
    assert_eq!(attrs(&doc, ".edit-link a", "href"), ["https://git.example.org/hb/edit/main/content/guides/alpha.md"]);
    let config = site.path().join("mentorbook.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, text.lines().filter(|l| !l.starts_with("edit_url")).collect::<Vec<_>>().join("\n")).unwrap();
    build_ok(site.path(), &[]);
    let doc = html(&site.path().join("public/guides/alpha/index.html"));
    assert!(attrs(&doc, ".edit-link a", "href").is_empty());
}
