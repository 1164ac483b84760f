//! Search in headless Chromium: a word read from a page, typed into the header's search box,
//! finds that page on the search page, and a result opens its page. The `reader` fixture is
//! built into a sub-folder of the served directory, so the site runs under a sub-path
//! (`cargo test --features browser`; see tests/common/browser.rs).

#![cfg(feature = "browser")]

mod common;

use common::browser::{node_script, serve_dir};

#[test]
fn a_word_typed_into_the_search_box_finds_its_page() {
    let site = common::copy_fixture("reader");
    let served = tempfile::tempdir().expect("temp dir");
    let out = served.path().join("handbook");
    common::build_ok(site.path(), &["--output", out.to_str().expect("utf-8 temp path")]);
    let base = serve_dir(served.path());
    node_script(
        "search",
        &[&base, "/handbook/", "guides/beta/", "xylophonic", "Beta guide", "Afterwords", "Alpha guide"],
    );
}

#[test]
fn a_checklist_item_word_is_found_from_the_header_box_and_leads_to_its_checklist() {
    let out = tempfile::tempdir().expect("temp dir");
    common::build_sample(out.path(), false);
    let base = serve_dir(out.path());
    let file_root = format!("file://{}/", out.path().display());
    node_script(
        "quick-search",
        &[&base, &file_root, "promised", "Being a good mentor", "a-quick-self-check-checklist"],
    );
}
