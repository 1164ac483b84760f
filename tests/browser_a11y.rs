//! axe-core in headless Chromium over the sample handbook's pages, light and dark
//! (`cargo test --features browser`; see tests/common/browser.rs).

#![cfg(feature = "browser")]

mod common;

use common::browser::{node_script, serve_dir};

#[test]
fn sample_handbook_pages_have_no_wcag_violations_in_either_colour_scheme() {
    let out = tempfile::tempdir().expect("temp dir");
    common::build_sample(out.path(), false);
    let base = serve_dir(out.path());
    node_script(
        "a11y",
        &[&base, "/", "/mentors/", "/mentors/first-meeting/", "/program/", "/program/week-01-kickoff/"],
    );
}
