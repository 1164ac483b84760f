//! `mentorbook import`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use mentorbook::report;
use mentorbook::site::{BuildOptions, load_config};

/// Imports every file, printing what it wrote; any failure is exit code 1 (the other files are
/// still imported).
pub fn run(root: PathBuf, files: &[PathBuf], section: &Path, force: bool) -> ExitCode {
    let config = match load_config(&BuildOptions { root, ..BuildOptions::default() }) {
        Ok(c) => c,
        Err(failure) => {
            report::diagnostics(&failure.errors);
            return ExitCode::from(1);
        }
    };
    let mut failed = false;
    let mut written = std::collections::HashSet::new();
    for file in files {
        match mentorbook::import::import(&config, file, section, force, &mut written) {
            Ok(page) => report::out(&format!("wrote {} (from {}; a draft)", page.display(), file.display())),
            Err(e) => {
                report::diagnostics(&[e]);
                failed = true;
            }
        }
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
