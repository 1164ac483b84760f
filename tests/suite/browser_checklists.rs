//! Checklists in headless Chromium over the built sample handbook: saving, counting, resetting,
//! playbook progress, no-JS ticking, printing one checklist or one section, the stepper's
//! per-step progress, and a mentee reaching 100% of their own items
//! (`cargo test --features browser`).

#![cfg(feature = "browser")]

use crate::common;

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

#[test]
fn the_stepper_counts_each_step_and_a_mentee_reaches_all_of_their_items() {
    let out = tempfile::tempdir().expect("temp dir");
    common::build_sample(out.path(), false);
    let base = serve_dir(out.path());
    node_script("stepper", &[&base, "/program/"]);
}
