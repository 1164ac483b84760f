//! Real content nobody here wrote (`../shared/corpora`, read in place) must build: every
//! non-draft markdown file becomes exactly one page, and the two genuinely broken folders fail
//! naming exactly their broken file and line. They read `../shared/corpora`, which a bare clone
//! does not have, so they are `#[ignore]`d: `cargo test` passes anywhere, and `.ci/run` (which
//! has the corpora beside the repository) runs them with `--include-ignored`.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;
use mentorbook::config::Config;
use mentorbook::content::load::{self, LoadOptions};

fn corpora() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
    assert!(dir.is_dir(), "the shared corpora are missing at {} (they sit beside the repository)", dir.display());
    dir
}

/// A temp site whose `content_dir` is the corpus folder.
fn site_for(folder: &str) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let content = corpora().join(folder);
    assert!(content.is_dir(), "{} missing", content.display());
    std::fs::write(root.path().join("mentorbook.yaml"), format!("content_dir: \"{}\"\n", content.display())).unwrap();
    root
}

/// Markdown files as the loader sees them (hidden files and folders skipped).
fn markdown_files(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().to_ascii_lowercase();
            name.ends_with(".md") || name.ends_with(".markdown")
        })
        .count()
}

/// Builds the corpus folder, asserting exit 0 and one output page per non-draft markdown file.
fn builds_every_page(folder: &str) {
    let root = site_for(folder);
    let out = build_ok(root.path(), &[]);
    let config = Config::load(root.path()).unwrap();
    let library = load::load(&config, &LoadOptions::default()).library;
    let total = markdown_files(&config.content_dir);
    assert_eq!(
        library.pages.len() + library.excluded_pages(),
        total,
        "{folder}: every markdown file is a page or a draft"
    );
    let public = root.path().join("public");
    for page in &library.pages {
        let file = public.join(&page.url).join("index.html");
        assert!(file.is_file(), "{folder}: {} has no output at {}", page.rel, file.display());
    }
    // Shown warnings, plus those a per-file cap counted in a note ("3 more warnings in this file").
    let hidden: usize =
        out.lines().filter_map(|l| l.split(": note: ").nth(1)?.split(' ').next()?.parse::<usize>().ok()).sum();
    let warnings = out.lines().filter(|l| l.contains(": warning: ")).count() + hidden;
    assert!(out.contains(&format!("{warnings} warnings")), "{folder}: warnings are counted\n{out}");
}

/// Builds the corpus folder, asserting exit 1 with exactly one error, at `expected`.
fn fails_only_at(folder: &str, expected: &str) {
    let root = site_for(folder);
    let out = mentorbook(root.path(), &["build"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{folder}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 1, "{folder}: {errors:?}");
    assert!(errors[0].contains(expected), "{folder}: {}", errors[0]);
    assert!(!root.path().join("public").exists(), "nothing written on failure");
}

#[test]
#[ignore = "reads ../shared/corpora: run by .ci/run with --include-ignored"]
fn mentoring_guides_build() {
    for folder in [
        "mentoring/artsy-readme",
        "mentoring/cncf-mentoring",
        "mentoring/engineeringladders",
        "mentoring/etsy-career-ladder",
        "mentoring/gsocguides",
        "mentoring/offerzen-developer-mentoring",
    ] {
        builds_every_page(folder);
    }
}

#[test]
#[ignore = "reads ../shared/corpora: run by .ci/run with --include-ignored"]
fn blogs_with_odd_front_matter_build() {
    for folder in [
        "blogs/hugo-theme-bootstrap-examplesite/content",
        "blogs/opentelemetry-blog/content",
        "blogs/rust-blog/content",
        "blogs/servicemesher-blog/content",
    ] {
        builds_every_page(folder);
    }
}

#[test]
#[ignore = "reads ../shared/corpora: run by .ci/run with --include-ignored"]
fn a_malformed_jekyll_date_fails_at_its_line() {
    fails_only_at(
        "blogs/jekyll-docs-posts/docs",
        "_posts/2023-01-29-jekyll-3-9-3-released.markdown:3:7: error: `date` is not a date",
    );
}

#[test]
#[ignore = "reads ../shared/corpora: run by .ci/run with --include-ignored"]
fn jekyll_edge_cases_fail_only_on_the_broken_yaml() {
    fails_only_at("jekyll-edge-cases/test/source", "_broken/bad_post.md:2:11: error: invalid YAML");
}

#[test]
#[ignore = "reads ../shared/corpora: run by .ci/run with --include-ignored"]
fn integer_titles_and_utf16_files_are_read() {
    let root = site_for("jekyll-edge-cases/test/source");
    let config = Config::load(root.path()).unwrap();
    // The loader reports the one broken file; everything else, UTF-16 included, was read.
    let errors = load::load(&config, &LoadOptions::default()).errors;
    assert_eq!(errors.len(), 1, "{errors:?}");
    let root = site_for("blogs/hugo-theme-bootstrap-examplesite/content");
    let config = Config::load(root.path()).unwrap();
    let library = load::load(&config, &LoadOptions::default()).library;
    let integer_titled = library.pages.iter().filter(|p| p.title.as_deref() == Some("2019")).count();
    assert!(integer_titled > 0, "`title: 2019` is a title");
}

#[test]
#[ignore = "reads ../shared/corpora: run by .ci/run with --include-ignored"]
fn large_handbooks_build() {
    builds_every_page("gitlab-handbook/content");
    builds_every_page("sourcegraph-handbook/content");
}
