//! `mentorbook serve`.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use mentorbook::report;
use mentorbook::serve::{self, ServeOptions};

/// Serves until stopped; a failure that is not located in a file (a busy port, a missing root)
/// is one line and exit code 1.
pub fn run(root: PathBuf, port: u16, bind: IpAddr, drafts: bool, open: bool) -> ExitCode {
    match serve::run(&ServeOptions { root, port, bind, drafts, open }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report::err(&format!("error: {e:#}"));
            ExitCode::from(1)
        }
    }
}
