//! `mentorbook build`.

use std::path::PathBuf;
use std::process::ExitCode;

use mentorbook::report;
use mentorbook::site::{self, BuildOptions};

/// Builds and prints the warnings and one summary line, or every error.
pub fn run(root: PathBuf, output: Option<PathBuf>, drafts: bool, base_url: Option<String>) -> ExitCode {
    let opts = BuildOptions { root, output, drafts, base_url };
    match site::build(&opts) {
        Ok(summary) => {
            report::diagnostics(&summary.warnings);
            let w = &summary.written;
            report::out(&format!(
                "built {} pages, {} sections, {} checklists, {} drafts skipped, {} warnings in {} ms into {} ({} written, {} unchanged, {} removed)",
                summary.pages,
                summary.sections,
                summary.checklists,
                summary.drafts_skipped,
                summary.warnings.len(),
                summary.elapsed.as_millis(),
                site::shown(&summary.output).display(),
                w.written,
                w.unchanged,
                w.removed,
            ));
            ExitCode::SUCCESS
        }
        Err(failure) => {
            report::diagnostics(&failure.warnings);
            report::diagnostics(&failure.errors);
            report::err(&format!("build failed: {} errors; the output folder was not changed", failure.errors.len()));
            ExitCode::from(1)
        }
    }
}
