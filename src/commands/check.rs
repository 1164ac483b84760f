//! `mentorbook check`.

use std::process::ExitCode;

use mentorbook::report;
use mentorbook::site::BuildOptions;
use mentorbook::site::check::check;

/// Checks and prints every problem and one summary line.
pub fn run(opts: BuildOptions, stale: bool) -> ExitCode {
    let report = check(&opts, stale);
    report::diagnostics(&report.warnings);
    report::diagnostics(&report.errors);
    let others = report
        .other_audiences
        .map(|n| format!(" and {} for other audiences", report::count(n, "page", "pages")))
        .unwrap_or_default();
    report::out(&format!(
        "check: {}, {}; {} rendered in memory, {}{others} proven absent; nothing written",
        report::count(report.errors.len(), "error", "errors"),
        report::count(report.warnings.len(), "warning", "warnings"),
        report::count(report.files, "output file", "output files"),
        report::count(report.excluded, "draft", "drafts"),
    ));
    if report.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
