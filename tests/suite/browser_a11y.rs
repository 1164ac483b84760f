//! axe-core in headless Chromium over the sample handbook's pages, light and dark
//! (`cargo test --features browser`; see tests/suite/common/browser.rs).

#![cfg(feature = "browser")]

use crate::common;

use common::browser::{node_script, serve_dir};

#[test]
fn sample_handbook_pages_have_no_wcag_violations_in_either_colour_scheme() {
    // Served where its base_url says it lives (/mentoring/), so the 404 page finds its styles.
    let served = tempfile::tempdir().expect("temp dir");
    common::build_sample(&served.path().join("mentoring"), false);
    let base = format!("{}/mentoring", serve_dir(served.path()));
    let pages = [
        "/",
        "/mentors/",
        "/mentors/being-a-good-mentor/",
        "/mentors/first-meeting/",
        "/mentees/asking-for-help/",
        "/program/",
        "/program/week-01-kickoff/",
        "/checklists/",
        "/checklists/mentee/",
        "/review/",
        "/mentors/session-notes/",
        "/tags/",
        "/tags/feedback/",
        "/checklists/mentor/",
        "/print/",
        "/search/",
        "/whats-new/",
        "/404.html",
    ];
    let mut args = vec![base.as_str()];
    args.extend(pages);
    node_script("a11y", &args);
}

#[test]
fn reference_site_pages_have_no_wcag_violations_in_either_colour_scheme() {
    let out = tempfile::tempdir().expect("temp dir");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let built = common::mentorbook(root, &["build", "--root", "docs", "--output", out.path().to_str().unwrap()])
        .output()
        .expect("run");
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let base = serve_dir(out.path());
    let pages = ["/", "/getting-started/", "/configuration/", "/theming/", "/commands/build/", "/deploy/github-pages/"];
    let mut args = vec![base.as_str()];
    args.extend(pages);
    node_script("a11y", &args);
}
