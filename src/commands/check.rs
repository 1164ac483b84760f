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
    let others = report.other_audiences.map(|n| format!(" and {n} pages for other audiences")).unwrap_or_default();
    report::out(&format!(
        "check: {} errors, {} warnings; {} output files rendered in memory, {} drafts{others} proven absent; nothing written",
        report.errors.len(),
        report.warnings.len(),
        report.files,
        report.excluded
    ));
    if report.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
