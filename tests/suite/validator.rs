//! The default theme's pages pass the Nu Html Checker (`vnu`, from the npm package `vnu-jar`)
//! with zero errors: the sample handbook, with and without drafts, and the `basic` and `reader`
//! fixtures (taxonomies, pagination, print pages, redirects, search, 404). One `java` run checks
//! every file. Behind the `validator` feature; with it on, a missing Java or jar fails the test
//! with the command that fixes it, it never skips.

#![cfg(feature = "validator")]

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn jar() -> PathBuf {
    let jar = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(jar.is_file(), "vnu.jar missing at {}: run `npm ci --prefix tests/browser`", jar.display());
    jar
}

/// Runs vnu over `files`; returns (success, its report).
fn vnu(files: &[PathBuf]) -> (bool, String) {
    let out = Command::new("java")
        .arg("-jar")
        .arg(jar())
        .args(["--errors-only", "--format", "gnu"])
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("cannot run java (install it: `apt-get install -y default-jre-headless`): {e}"));
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    files(dir).into_iter().filter(|f| f.ends_with(".html")).map(|f| dir.join(f)).collect()
}

#[test]
fn every_page_of_the_sample_and_fixtures_is_valid_html() {
    let tmp = tempfile::tempdir().unwrap();
    build_sample(&tmp.path().join("sample"), false);
    build_sample(&tmp.path().join("sample-drafts"), true);
    let mut pages = html_files(&tmp.path().join("sample"));
    pages.extend(html_files(&tmp.path().join("sample-drafts")));
    // The reference site too: it is the product's own biggest site.
    let docs = tmp.path().join("docs");
    let root = env!("CARGO_MANIFEST_DIR");
    let built =
        mentorbook(std::path::Path::new(root), &["build", "--root", "docs", "--output", docs.to_str().unwrap()])
            .output()
            .unwrap();
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    pages.extend(html_files(&docs));
    let sites: Vec<tempfile::TempDir> = ["basic", "reader"].iter().map(|f| copy_fixture(f)).collect();
    for site in &sites {
        build_ok(site.path(), &["--drafts"]);
        pages.extend(html_files(&site.path().join("public")));
    }
    assert!(pages.len() > 80, "only {} pages", pages.len());
    for required in [
        "print/index.html",
        "404.html",
        "search/index.html",
        "tags/index.html",
        "old-gamma.html",
        "review/index.html",
        "whats-new/index.html",
        "commands/import/index.html",
    ] {
        assert!(pages.iter().any(|p| p.ends_with(required)), "{required} not checked");
    }
    let (ok, report) = vnu(&pages);
    assert!(ok && report.trim().is_empty(), "vnu found errors:\n{report}");
}

#[test]
fn the_checker_does_report_an_invalid_page() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.html");
    std::fs::write(&bad, "<!doctype html><html lang=en><title>x</title><p id=a>1<p id=a>2<div></span>").unwrap();
    let (ok, report) = vnu(&[bad]);
    assert!(!ok, "vnu passed an invalid page:\n{report}");
    assert!(report.contains("Duplicate ID"), "{report}");
}
