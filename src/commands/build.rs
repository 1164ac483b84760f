//! `mentorbook build`.

use std::process::ExitCode;

use mentorbook::report;
use mentorbook::site::{self, BuildOptions};

/// Builds and prints the warnings and one summary line, or every error.
pub fn run(opts: BuildOptions) -> ExitCode {
    match site::build(&opts) {
        Ok(summary) => {
            report::diagnostics(&summary.warnings);
            let w = &summary.written;
            let others =
                summary.other_audiences.map(|n| format!(", {n} left out for other audiences")).unwrap_or_default();
            let stale = summary.past_review.map(|n| format!(", {n} past review")).unwrap_or_default();
            report::out(&format!(
                "built {} pages, {} sections, {} checklists, {} drafts skipped{others}{stale}, {} warnings in {} ms into {} ({} written, {} unchanged, {} removed)",
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
