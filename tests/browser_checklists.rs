//! Checklists in headless Chromium over the built sample handbook: saving, counting, resetting,
//! playbook progress, no-JS ticking, and printing one checklist or one section
//! (`cargo test --features browser`).

#![cfg(feature = "browser")]

mod common;

use common::browser::{node_script, serve_dir};

#[test]
fn checklists_tick_count_persist_reset_and_feed_the_playbook() {
    let out = tempfile::tempdir().expect("temp dir");
    common::build_sample(out.path(), false);
    let base = serve_dir(out.path());
    node_script("checklists", &[&base]);
}

#[test]
fn checklists_feel_done_reset_undoes_progress_moves_and_roles_filter() {
    let out = tempfile::tempdir().expect("temp dir");
    common::build_sample(out.path(), false);
    let base = serve_dir(out.path());
    node_script("progress", &[&base]);
}
