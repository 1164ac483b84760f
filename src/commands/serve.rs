//! `mentorbook serve`.

use std::process::ExitCode;

use mentorbook::report;
use mentorbook::serve::{self, ServeOptions};

/// Serves until stopped; a failure that is not located in a file (a busy port, a missing root)
/// is one line and exit code 1.
pub fn run(opts: ServeOptions) -> ExitCode {
    match serve::run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report::err(&format!("error: {e:#}"));
            ExitCode::from(1)
        }
    }
}
