//! Live reload in headless Chromium: the real `mentorbook serve` over a temp copy of the sample
//! handbook, and `tests/browser/serve.mjs`, which edits the page's source itself and watches the
//! page reload, show the error overlay for a broken edit and clear it after the fix
//! (`cargo test --features browser`; see tests/suite/common/browser.rs).

#![cfg(all(feature = "browser", feature = "serve"))]

use crate::common;

use common::browser::node_script;

#[test]
fn the_page_reloads_after_an_edit_and_shows_then_clears_the_error_overlay() {
    let site = tempfile::tempdir().expect("temp dir");
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_tree(&repo.join("content"), &site.path().join("content"));
    std::fs::copy(repo.join("mentorbook.yaml"), site.path().join("mentorbook.yaml")).expect("copy config");
    let server = common::serve::start(site.path(), &[], &[]);
    let source = site.path().join("content/mentors/first-meeting.md");
    node_script("serve", &[&format!("http://{}", server.addr), "/mentors/first-meeting/", source.to_str().unwrap()]);
}

#[test]
fn the_404_page_under_serve_is_styled_at_a_deep_url_and_stays_on_the_server() {
    let site = tempfile::tempdir().expect("temp dir");
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_tree(&repo.join("content"), &site.path().join("content"));
    // base_url: https://handbook.example.org/mentoring/, another host and path.
    std::fs::copy(repo.join("mentorbook.yaml"), site.path().join("mentorbook.yaml")).expect("copy config");
    let server = common::serve::start(site.path(), &[], &[]);
    node_script("not-found", &[&format!("http://{}", server.addr), "/mentors/no/such/page/"]);
}
