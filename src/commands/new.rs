//! `mentorbook new`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use mentorbook::archetype::{self, Kind};
use mentorbook::report;
use mentorbook::site::{BuildOptions, load_config};

/// Creates a draft page from the `kind` archetype.
pub fn run(root: PathBuf, kind: Kind, path: &Path, title: Option<&str>) -> ExitCode {
    let config = match load_config(&BuildOptions { root, ..BuildOptions::default() }) {
        Ok(c) => c,
        Err(failure) => {
            report::diagnostics(&failure.errors);
            return ExitCode::from(1);
        }
    };
    match archetype::new_page(&config, kind, path, title) {
        Ok(file) => {
            report::out(&format!("created {} (a draft: remove `draft: true` to publish it)", file.display()));
            ExitCode::SUCCESS
        }
        Err(e) => {
            report::diagnostics(&[e]);
            ExitCode::from(1)
        }
    }
}
