//! The sidebar, book-order keys, the phone drawer and `file://` links in headless Chromium over
//! the sample handbook (`cargo test --features browser`; see tests/suite/common/browser.rs).

#![cfg(feature = "browser")]

use crate::common;

use common::browser::{node_script, serve_dir};

#[test]
fn the_sidebar_keys_drawer_and_file_links_work() {
    let out = tempfile::tempdir().expect("temp dir");
    common::build_sample(out.path(), false);
    let base = serve_dir(out.path());
    let file_root = format!("file://{}/", out.path().display());
    node_script("navigation", &[&base, &file_root]);
}
