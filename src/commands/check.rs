//! `mentorbook check`.

use std::path::PathBuf;
use std::process::ExitCode;

use mentorbook::report;
use mentorbook::site::BuildOptions;
use mentorbook::site::check::check;

/// Checks and prints every problem and one summary line.
pub fn run(root: PathBuf) -> ExitCode {
    let report = check(&BuildOptions { root, ..BuildOptions::default() });
    report::diagnostics(&report.warnings);
    report::diagnostics(&report.errors);
    report::out(&format!(
        "check: {} errors, {} warnings; {} output files rendered in memory, {} drafts proven absent; nothing written",
        report.errors.len(),
        report.warnings.len(),
        report.files,
        report.excluded
    ));
    if report.errors.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
