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
                "built {}, {}, {}, {} skipped{others}{stale}, {} in {} ms into {} ({} written, {} unchanged, {} removed)",
                report::count(summary.pages, "page", "pages"),
                report::count(summary.sections, "section", "sections"),
                report::count(summary.checklists, "checklist", "checklists"),
                report::count(summary.drafts_skipped, "draft", "drafts"),
                report::count(summary.warnings.len(), "warning", "warnings"),
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
            report::err(&format!(
                "build failed: {}; the output folder was not changed",
                report::count(failure.errors.len(), "error", "errors")
            ));
            ExitCode::from(1)
        }
    }
}
