//! The light/dark toggle in headless Chromium over the built sample handbook: the system's
//! scheme by default, a choice that survives reloads and carries across pages (code and search
//! colours included), axe-core clean in both chosen schemes, and nothing without JavaScript
//! (`cargo test --features browser`; see tests/suite/common/browser.rs).

#![cfg(feature = "browser")]

use crate::common;

use common::browser::{node_script, serve_dir};

#[test]
fn the_theme_toggle_follows_the_system_until_chosen_and_remembers_the_choice() {
    let out = tempfile::tempdir().expect("temp dir");
    common::build_sample(out.path(), false);
    let base = serve_dir(out.path());
    node_script(
        "theme",
        &[
            &base,
            "/mentors/pairing-on-code/",
            "/",
            "/mentors/",
            "/program/week-02-goals/",
            "/checklists/",
            "/checklists/mentee/",
            "/search/?q=listen",
            "/print/",
        ],
    );
}
