//! Mermaid diagrams drawn at build time, seen in headless Chromium: an SVG with a role and a name,
//! no diagram script, no request to another host, the theme's colours in both schemes, on the
//! page and on the print page (`cargo test --features browser`; see tests/suite/common/browser.rs).

#![cfg(feature = "browser")]

use crate::common;

use common::browser::{node_script, serve_dir};

#[test]
fn a_mermaid_block_is_an_svg_in_the_themes_colours_with_no_script() {
    let out = tempfile::tempdir().expect("temp dir");
    common::build_sample(out.path(), false);
    let base = serve_dir(out.path());
    node_script("diagrams", &[&base, "/mentees/asking-for-help/", "/print/"]);
}
